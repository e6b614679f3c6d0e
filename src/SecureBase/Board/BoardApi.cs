using SecureBase.Common;
using SecureBase.Identity;

namespace SecureBase.Board;

/// <summary>One practitioner on the board, as the API gives it: names no pupil.</summary>
internal sealed record BoardRowDto(StaffId StaffId, string Name, string Role, Presence Status, string StatusText, string? Room, string? Until,
    string? BackAt, bool FreeNow, string? NextFree, string NextFreeText);

internal sealed record BoardDto(DateOnly Date, string Time, bool IsSchoolDay, IReadOnlyList<BoardRowDto> Practitioners);

public static class BoardApi
{
    public static IEndpointRouteBuilder MapBoardApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/board", ReadAsync).WithTags("Board").Permits(SchoolAction.ViewBoard)
            .WithSummary("Where each practitioner is now (room, until when), their status and when they are next free; no pupil is named");
        return api;
    }

    private static async Task<BoardDto> ReadAsync(PractitionerBoard board, CancellationToken ct)
    {
        var read = await board.ReadAsync(ct: ct);
        return new BoardDto(read.Now.Date, read.Now.Time.ToString("HH\\:mm"), read.IsSchoolDay, read.Rows.Select(ToDto).ToList());
    }

    private static BoardRowDto ToDto(BoardRow r) => new(r.StaffId, r.Name, r.Role, r.Presence, r.StatusText, r.Room, Hm(r.Until), Hm(r.BackAt),
        r.FreeNow, Hm(r.NextFree), r.NextFreeText);

    private static string? Hm(TimeOnly? t) => t?.ToString("HH\\:mm");
}
