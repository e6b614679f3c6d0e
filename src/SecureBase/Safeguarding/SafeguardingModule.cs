using Microsoft.EntityFrameworkCore;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Referrals;
using SecureBase.Web;

namespace SecureBase.Safeguarding;

public static class SafeguardingModule
{
    /// <summary>Safeguarding concerns raised by any member of staff and worked through by the DSL and deputies (issue 13, C11).</summary>
    public static IServiceCollection AddSafeguardingModule(this IServiceCollection services)
    {
        services.AddScoped<ConcernDesk>();
        services.AddScoped<CpTransferDesk>();
        services.AddScoped<IHandles<SafeguardingWorryPassedOn>, ReferralWorryBecomesConcern>();
        services.AddScoped<WasNotBrought>();
        services.AddScoped<IHandles<Sessions.SessionRecorded>>(sp => sp.GetRequiredService<WasNotBrought>());
        services.AddScoped<INavCount, UnopenedConcernsCount>();
        services.AddScoped<IHomeTasks, SafeguardingHomeTasks>();
        return services;
    }
}

/// <summary>A referral made with a safeguarding worry: the worry is raised as a concern at that moment, carrying the referrer's words.</summary>
internal sealed class ReferralWorryBecomesConcern(SecureBaseDb db, ConcernDesk desk) : IHandles<SafeguardingWorryPassedOn>
{
    public const string NothingWritten = "The referrer ticked that they are worried about this pupil's safety but wrote nothing more: speak to them.";

    public async Task HandleAsync(SafeguardingWorryPassedOn happened, CancellationToken ct)
    {
        if (await db.Concerns.AnyAsync(c => c.SubmissionKey == happened.SubmissionKey, ct))
        {
            return;
        }

        var raised = Concern.Raise(happened.SchoolId, happened.PupilId,
            new NewConcern(happened.Details ?? NothingWritten, null, null, null, ConcernCategory.Other, ConcernSource.Referral, happened.ReferralId.Value, happened.SubmissionKey),
            new ConcernAuthor(happened.ReferrerUserId ?? Guid.Empty, happened.ReferrerName), happened.At);
        if (!raised.IsSuccess)
        {
            // The referral's own rules already checked the words; this is a bug, and nothing is saved.
            throw new InvalidOperationException($"A referral's safeguarding worry could not become a concern: {raised.Error!.Message}");
        }

        db.Concerns.Add(raised.Value);
        var pupil = await db.Pupils.AsNoTracking().Where(p => p.Id == happened.PupilId).Select(p => (p.PreferredFirstName ?? p.LegalFirstName) + " " + (p.PreferredLastName ?? p.LegalLastName)).SingleAsync(ct);
        await desk.TellDslsAsync(raised.Value, pupil, ct);
    }
}

/// <summary>The count beside "Safeguarding" in the navigation: concerns no DSL has opened yet, urgent ones named.</summary>
internal sealed class UnopenedConcernsCount(ConcernDesk desk) : INavCount
{
    public string Href => "/safeguarding";

    public async Task<(int Count, string Words)> CountAsync(CancellationToken ct)
    {
        var (unopened, urgent) = await desk.UnopenedAsync(ct);
        return (unopened, urgent > 0 ? $"unopened, {urgent} urgent" : "unopened");
    }
}

/// <summary>The DSL's home page: each unopened concern is due now.</summary>
internal sealed class SafeguardingHomeTasks(ConcernDesk desk, CpTransferDesk transfers, CurrentUser me) : IHomeTasks
{
    public async Task<IReadOnlyList<HomeTask>> ForCurrentUserAsync(DateOnly today, CancellationToken ct)
    {
        if (!me.ScopeFor(SchoolAction.ViewConcerns).HasFlag(Scope.School))
        {
            return [];
        }

        var tasks = (await desk.ListAsync(false, ct)).Where(r => !r.Opened)
            .Select(r => new HomeTask($"{(r.Urgent ? "URGENT: " : "")}Safeguarding concern about {r.Pupil} to open", ConcernWords.Category(r.Category), $"/safeguarding/concerns/{r.Id}", null))
            .ToList();
        foreach (var t in (await transfers.ListAsync(ct)).Where(t => t.ConfirmedAt is null && (t.Received || t.Overdue)))
        {
            tasks.Add(t.Received
                ? new HomeTask($"Child protection file of {t.Pupil} to confirm", $"Received from {t.OtherSchool}", $"/safeguarding/transfers/{t.Id}", null)
                : new HomeTask($"OVERDUE: receipt of {t.Pupil}'s child protection file not confirmed", $"Sent to {t.OtherSchool}; due by {t.ConfirmBy:d MMM yyyy}", $"/safeguarding/transfers/{t.Id}", null));
        }

        return tasks;
    }
}
