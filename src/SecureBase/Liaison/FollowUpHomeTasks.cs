using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Liaison;

/// <summary>"Due now": the contact-log follow-ups given to the user, overdue or due within a week.</summary>
internal sealed class FollowUpHomeTasks(LiaisonDesk desk, CurrentUser me) : IHomeTasks
{
    public async Task<IReadOnlyList<HomeTask>> ForCurrentUserAsync(DateOnly today, CancellationToken ct)
    {
        if (!me.Can(SchoolAction.RecordLiaison))
        {
            return [];
        }

        return (await desk.MyFollowUpsAsync(today, ct))
            .Select(x => new HomeTask($"Follow up for {x.Pupil}: {x.Contact.FollowUp}",
                $"After the contact with {x.Contact.WhoName} ({ContactWords.Of(x.Contact.Party)}) on {x.Contact.OccurredOn:d MMM yyyy}",
                $"/pupils/{x.Contact.PupilId}/liaison#contact-{x.Contact.Id}", x.Contact.FollowUpDue))
            .ToList();
    }

    public IQueryable<object>? Pending(DateOnly today) => me.Can(SchoolAction.RecordLiaison) ? desk.FollowUpsDue(today) : null;
}
