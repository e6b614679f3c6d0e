using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Notifications;

public static class NotificationsModule
{
    /// <summary>In-app notifications: each person's own list and the unread count in the header.</summary>
    public static IServiceCollection AddNotificationsModule(this IServiceCollection services)
    {
        services.AddScoped<Notifier>();
        services.AddScoped<MyNotifications>();
        // Emails that say "you have something to read" (issue 15): queued with the notification, sent in the background.
        services.AddSingleton<EmailSender>();
        services.AddHostedService<EmailSchedule>();
        return services;
    }

    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/notifications", async (MyNotifications mine, CancellationToken ct) =>
                new NotificationListDto(await mine.UnreadCountAsync(ct), (await mine.LatestAsync(ct)).Select(n => n.ToDto()).ToList()))
            .Permits(SchoolAction.ViewNotifications)
            .WithName("GetNotifications")
            .WithSummary("The signed-in user's own notifications in this school (the latest 100, newest first) and how many are unread");

        api.MapPost("/notifications/{notificationId:guid}/read", async Task<IResult> (Guid notificationId, MyNotifications mine, TimeProvider clock, CancellationToken ct) =>
                await mine.MarkReadAsync(NotificationId.From(notificationId), clock.GetUtcNow().UtcDateTime, ct) is { } n
                    ? TypedResults.Ok(n.ToDto())
                    : new Common.Error.NotFound("That notification was not found.").ToProblem())
            .Permits(SchoolAction.ViewNotifications)
            .WithName("MarkNotificationRead")
            .WithSummary("Marks one of the user's own notifications as read");

        api.MapPost("/notifications/read-all", async (MyNotifications mine, TimeProvider clock, CancellationToken ct) =>
                new MarkedReadDto(await mine.MarkAllReadAsync(clock.GetUtcNow().UtcDateTime, ct)))
            .Permits(SchoolAction.ViewNotifications)
            .WithName("MarkAllNotificationsRead")
            .WithSummary("Marks all of the user's notifications in this school as read");
        return api;
    }

    private static NotificationDto ToDto(this Notification n) => new(n.Id, n.Title, n.Body, n.Link, n.CreatedAt, n.ReadAt);
}

internal sealed record NotificationDto(NotificationId Id, string Title, string Body, string Link, DateTime CreatedAt, DateTime? ReadAt);

internal sealed record NotificationListDto(int Unread, IReadOnlyList<NotificationDto> Items);

internal sealed record MarkedReadDto(int Marked);
