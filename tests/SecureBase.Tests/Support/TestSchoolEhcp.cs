using SecureBase.Data;
using SecureBase.Notifications;
using SecureBase.Pupils;
using SecureBase.Staff;

namespace SecureBase.Tests.Support;

/// <summary>
/// What every test school holds for EHCPs and notifications, so that every route has a sample:
/// an up-to-date plan for the school's pupil (dated two months ago, next review in ten months,
/// one line of weekly counselling, which the school's therapist offers) and one notification for the SENDCo.
/// </summary>
public sealed record TestSchoolEhcp(EhcpPlanId PlanId, ProvisionItemId ProvisionItemId, NotificationId NotificationId)
{
    public const string NotificationTitle = "Welcome to notifications";

    internal static TestSchoolEhcp Add(SecureBaseDb db, Pupil pupil, Guid sendco, DateTime now)
    {
        var today = DateOnly.FromDateTime(now);
        var plan = EhcpPlan.Create(pupil, new EhcpPlanDetails(today.AddMonths(-2), today.AddMonths(10), "Riverside Borough Council", null), today, now).Value;
        var item = plan.AddProvision(pupil, new ProvisionDetails(Discipline.Counselling, 1, ProvisionFrequency.PerWeek, 45, ProvisionDelivery.Individual, "Counsellor"), now).Value;
        db.EhcpPlans.Add(plan);
        db.ProvisionItems.Add(item);
        var notification = Notification.Create(pupil.SchoolId, sendco, new NotificationMessage(NotificationTitle, "Things that need your attention will appear here.", "/", "test:welcome"), now);
        db.Notifications.Add(notification);
        return new TestSchoolEhcp(plan.Id, item.Id, notification.Id);
    }
}
