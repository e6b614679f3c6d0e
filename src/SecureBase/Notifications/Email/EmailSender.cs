using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using SecureBase.Data;

namespace SecureBase.Notifications;

/// <summary>
/// Sends the emails waiting in <see cref="OutgoingEmail"/> through each school's relay with MailKit. Each email is
/// claimed first (one conditional update), so several instances never send one twice; a failure is retried later
/// (<see cref="OutgoingEmail.RetryAt"/>) and never reaches a page. A school without a relay keeps its emails waiting.
/// </summary>
internal sealed class EmailSender(IServiceScopeFactory scopes, TimeProvider clock, ILogger<EmailSender> logger)
{
    public const string PasswordPurpose = "SecureBase.MailRelay.Password";
    private static readonly TimeSpan Claim = TimeSpan.FromMinutes(2);

    /// <summary>Sends what is due in every school; returns how many went.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct = default)
    {
        List<(Common.SchoolId Id, string TimeZoneId)> schools;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
            schools = (await (from r in db.MailRelays.IgnoreQueryFilters().AsNoTracking()
                              join s in db.Schools.AsNoTracking() on r.SchoolId equals s.Id
                              select new { s.Id, s.TimeZoneId }).ToListAsync(ct))
                .Select(s => (s.Id, s.TimeZoneId)).ToList();
        }

        var sent = 0;
        foreach (var (school, zone) in schools)
        {
            try
            {
                sent += await SendForSchoolAsync(school, zone, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Emails for a school could not be sent; they will be tried again");
            }
        }

        return sent;
    }

    private async Task<int> SendForSchoolAsync(Common.SchoolId school, string zone, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school, zone);
        var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        var now = clock.GetUtcNow().UtcDateTime;
        var relay = await db.MailRelays.AsNoTracking().SingleAsync(ct);
        var due = await db.OutgoingEmails.AsNoTracking()
            .Where(e => e.SentAt == null && e.GaveUpAt == null && e.NextAttemptAt <= now && (e.ClaimedUntil == null || e.ClaimedUntil < now))
            .OrderBy(e => e.NextAttemptAt)
            .Take(50)
            .ToListAsync(ct);
        var mine = new List<OutgoingEmail>();
        foreach (var email in due)
        {
            var claimed = await db.OutgoingEmails
                .Where(e => e.Id == email.Id && e.SentAt == null && (e.ClaimedUntil == null || e.ClaimedUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.ClaimedUntil, now + Claim), ct);
            if (claimed == 1)
            {
                mine.Add(email);
            }
        }

        if (mine.Count == 0)
        {
            return 0;
        }

        var schoolName = await db.Schools.AsNoTracking().Where(s => s.Id == school).Select(s => s.Name).SingleAsync(ct);
        using var smtp = new SmtpClient { Timeout = 30_000 };
        try
        {
            await smtp.ConnectAsync(relay.Host, relay.Port, relay.Security switch
            {
                MailSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
                MailSecurity.None => SecureSocketOptions.None,
                _ => SecureSocketOptions.StartTls,
            }, ct);
            if (relay.UserName is { } user)
            {
                var password = relay.ProtectedPassword is { } p
                    ? scope.ServiceProvider.GetRequiredService<IDataProtectionProvider>().CreateProtector(PasswordPurpose).Unprotect(p)
                    : "";
                await smtp.AuthenticateAsync(user, password, ct);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("The mail relay {Host}:{Port} could not be reached ({Type}); {Count} emails will be tried again", relay.Host, relay.Port, e.GetType().Name, mine.Count);
            foreach (var email in mine)
            {
                await FailedAsync(db, email, $"The mail relay could not be reached: {e.GetType().Name}", now, ct);
            }

            return 0;
        }

        var sent = 0;
        foreach (var email in mine)
        {
            try
            {
                await smtp.SendAsync(Compose(relay, schoolName, email), ct);
                await db.OutgoingEmails.Where(e => e.Id == email.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(e => e.SentAt, now).SetProperty(e => e.ClaimedUntil, (DateTime?)null).SetProperty(e => e.Attempts, email.Attempts + 1), ct);
                sent++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("An email could not be sent ({Type}); it will be tried again", e.GetType().Name);
                await FailedAsync(db, email, $"The relay refused it: {e.GetType().Name}", now, ct);
            }
        }

        await smtp.DisconnectAsync(quit: true, ct);
        return sent;
    }

    /// <summary>
    /// The email: that there is something to read, and where. Never the notification's title or text, which can
    /// name a pupil: an email may be forwarded, read on a shared device or kept by a provider outside the school.
    /// </summary>
    internal static MimeMessage Compose(MailRelay relay, string schoolName, OutgoingEmail email)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress($"SecureBase – {schoolName}", relay.FromAddress));
        message.To.Add(MailboxAddress.Parse(email.To));
        message.Subject = "You have something new to read in SecureBase";
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId();
        message.Body = new TextPart("plain")
        {
            Text = $"""
                    Hello,

                    There is something new for you to read in SecureBase at {schoolName}.

                    Sign in to read it: {relay.SiteAddress}/notifications

                    For the privacy of the children and families we work with, this email never says what it is about.
                    To change which emails you get: {relay.SiteAddress}/account/email
                    """,
        };
        return message;
    }

    private static Task FailedAsync(SecureBaseDb db, OutgoingEmail email, string error, DateTime now, CancellationToken ct)
    {
        var attempts = email.Attempts + 1;
        var retry = OutgoingEmail.RetryAt(attempts, now);
        return db.OutgoingEmails.Where(e => e.Id == email.Id).ExecuteUpdateAsync(s => s
            .SetProperty(e => e.Attempts, attempts)
            .SetProperty(e => e.ClaimedUntil, (DateTime?)null)
            .SetProperty(e => e.LastError, error.Length > 500 ? error[..500] : error)
            .SetProperty(e => e.NextAttemptAt, retry ?? now)
            .SetProperty(e => e.GaveUpAt, retry == null ? now : null), ct);
    }
}

/// <summary>Looks for emails to send every half minute on every instance (<c>SecureBase:BackgroundJobs</c>).</summary>
internal sealed class EmailSchedule(EmailSender sender, IConfiguration configuration, IHostApplicationLifetime lifetime, TimeProvider clock, ILogger<EmailSchedule> logger)
    : RepeatingJob(configuration, lifetime, clock, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(30);

    protected override string FailureMessage => "Sending emails failed; trying again shortly";

    protected override Task RunAsync(CancellationToken ct) => sender.SendDueAsync(ct);
}
