using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Sessions;

namespace SecureBase.Timetable;

/// <summary>
/// A week's session that has been recorded is history: it becomes an exception, so a new timetable
/// accepted from that date (or a change to the series) never deletes or replaces it, and the record
/// keeps the occurrence it describes.
/// </summary>
internal sealed class KeepRecordedOccurrences(SecureBaseDb db) : IHandles<SessionRecorded>
{
    public async Task HandleAsync(SessionRecorded happened, CancellationToken ct)
    {
        if (happened.OccurrenceId is { } id && await db.SessionOccurrences.FindAsync([id], ct) is { } occurrence)
        {
            occurrence.KeepAsHeld();
        }
    }
}
