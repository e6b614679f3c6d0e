using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Identity;

namespace SecureBase.Board;

/// <summary>
/// The pupils' voice about the rooms (/rooms/voice): counts per room and question for the Head of
/// Therapy, with their ideas unsigned; a practitioner's own pupils' answers with their names, to that
/// practitioner only.
/// </summary>
[Permits(SchoolAction.ViewRoomViews)]
public sealed class RoomVoiceModel(RoomVoices voices, CurrentUser me) : PageModel
{
    public IReadOnlyList<RoomVoiceCounts> Counts { get; private set; } = [];
    public IReadOnlyList<NamedRoomView> OwnPupils { get; private set; } = [];
    public bool SeesCounts { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        SeesCounts = me.ScopeFor(SchoolAction.ViewRoomViews).HasFlag(Scope.School);
        if (SeesCounts)
        {
            Counts = await voices.CountsAsync(ct);
        }

        OwnPupils = await voices.OwnPupilsAsync(ct);
    }
}
