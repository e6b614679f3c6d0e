using SecureBase.Audit;
using SecureBase.Common;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Sessions.Notes;

/// <summary>A change to a note: the version seen and the new text. Once the note is locked the change is refused, unless <c>asAddendum</c> asks for it to become an addendum. Answers the note without its text.</summary>
internal sealed record NoteEditRequest(int? Version, string? Text, bool AsAddendum = false);

/// <summary>Signing a note: the version the author read.</summary>
internal sealed record NoteSignRequest(int? Version);

/// <summary>An addendum to a locked note.</summary>
internal sealed record AddendumRequest(string? Text);

/// <summary>A progress note on an episode: its text.</summary>
internal sealed record ProgressNoteRequest(string? Text);

/// <summary>The school's note settings.</summary>
internal sealed record NoteSettingsDto(bool? TeamConsultation);

/// <summary>A note in a list: what it is about, who wrote it and when, whether it is locked; never its text.</summary>
internal sealed record NoteSummaryDto(SessionNoteId Id, NoteKind Kind, TherapySessionId? TherapySessionId, EpisodeId? EpisodeId, PupilId? PupilId,
    string Author, DateTime WrittenAt, bool Locked, DateTime? SignedAt, int Version);

/// <summary>One version of a note (as written or corrected before locking) or an addendum.</summary>
internal sealed record NoteVersionDto(int Number, NoteEntryKind Kind, string Author, DateTime WrittenAt, string Text);

/// <summary>Someone who opened the note, shown to its author.</summary>
internal sealed record NoteReaderDto(string Name, DateTime At, string Reason);

/// <summary>A note opened: its current text, every version and addendum, and (for the author) who else has read it.</summary>
internal sealed record NoteDto(SessionNoteId Id, NoteKind Kind, TherapySessionId? TherapySessionId, EpisodeId? EpisodeId, PupilId? PupilId,
    string Author, DateTime WrittenAt, DateTime LocksAt, bool Locked, DateTime? SignedAt, int Version, string Text,
    IReadOnlyList<NoteVersionDto> Versions, IReadOnlyList<NoteReaderDto>? Readers, string ReadReason, bool MayEdit, bool MayAddAddendum, int ReadsNotListed);

public static class NotesApi
{
    public static IEndpointRouteBuilder MapNotesApi(this IEndpointRouteBuilder api)
    {
        var g = api.MapGroup("/notes").WithTags("Notes");
        g.MapPost("/", WriteAsync).Permits(SchoolAction.WriteSessionNotes)
            .WithSummary("Write a confidential note: {therapySessionId, pupilId, text} for a pupil at a session you held, {therapySessionId, group: true, text} for a group session, or {episodeId, text} for a progress note on your episode (weeks 5-10 of its cycle only, else 409; also POST /api/v1/episodes/{episodeId}/progress-notes). The text is stored encrypted.");
        g.MapGet("/{noteId:guid}", GetAsync).Permits(SchoolAction.ViewSessionNotes)
            .WithSummary("One note with every version and addendum, audited. The author and the pupil's own therapist read with the reason implied; anyone else the note is open to gives reason=PreparingMdt|ConsultingTheTeam|SafeguardingOrWelfare|Other (with reasonOther), or gets 400 naming 'reason'. The author also sees who else has read it (the latest 200; readsNotListed counts the earlier ones).");
        g.MapPut("/{noteId:guid}", EditAsync).Permits(SchoolAction.WriteSessionNotes)
            .WithSummary("The author corrects a note before it locks (send the version you saw). A locked note (signed, or 24 hours after it was written) answers 409 \"This note is locked; add an addendum\" and nothing changes, unless asAddendum is true, when the text is added as an addendum.");
        g.MapPost("/{noteId:guid}/sign", SignAsync).Permits(SchoolAction.WriteSessionNotes)
            .WithSummary("The author signs the note (send the version you read): it locks at once.");
        g.MapPost("/{noteId:guid}/addenda", AddendumAsync).Permits(SchoolAction.WriteSessionNotes)
            .WithSummary("Add an addendum to a locked note (its author, the pupil's own therapist or the Head of Therapy), with its own author and time.");
        g.MapGet("/settings", SettingsAsync).Permits(SchoolAction.ManageNoteSettings)
            .WithSummary("The school's note settings: teamConsultation, whether therapists may read colleagues' notes (giving a reason).");
        g.MapPut("/settings", SetSettingsAsync).Permits(SchoolAction.ManageNoteSettings)
            .WithSummary("Change the school's note settings: {teamConsultation: true|false}.");
        api.MapPost("/episodes/{episodeId:guid}/progress-notes", ProgressAsync).Permits(SchoolAction.WriteSessionNotes).WithTags("Notes")
            .WithSummary("Write a progress note {text} on your own open episode, only while its cycle is in weeks 5-10 (therapeutic action; in a holiday, the week the cycle paused at). Outside those weeks: 409 saying which week the episode is in. Encrypted, locked and audited like every note.");
        api.MapGet("/episodes/{episodeId:guid}/notes", ListAsync).Permits(SchoolAction.ViewSessionNotes).WithTags("Notes")
            .WithSummary("The notes of an episode the user may see (session, group and progress notes), without their text: open one to read it.");
        return api;
    }

    private static async Task<IResult> WriteAsync(NoteRequest body, NoteBook notes, TimeProvider clock, CancellationToken ct)
    {
        if (ApiValidation.Check(body) is { } invalid)
        {
            return invalid;
        }

        var written = await notes.WriteAsync(body, ct);
        if (!written.IsSuccess)
        {
            return written.Error!.ToProblem();
        }

        return TypedResults.Created($"/api/v1/notes/{written.Value.Id}", Summary(written.Value, clock));
    }

    private static async Task<IResult> ProgressAsync(EpisodeId episodeId, ProgressNoteRequest body, NoteBook notes, TimeProvider clock, CancellationToken ct)
    {
        if (ApiValidation.Check(body) is { } invalid)
        {
            return invalid;
        }

        var text = SessionNote.CheckText(body.Text);
        if (!text.IsSuccess)
        {
            return text.Error!.ToProblem();
        }

        var written = await notes.WriteAsync(new NoteRequest(null, null, episodeId, false, text.Value), ct);
        return written.IsSuccess
            ? TypedResults.Created($"/api/v1/notes/{written.Value.Id}", Summary(written.Value, clock))
            : written.Error!.ToProblem();
    }

    private static async Task<IResult> GetAsync(SessionNoteId noteId, ReadReason? reason, string? reasonOther, NoteBook notes, CancellationToken ct)
    {
        var opened = await notes.OpenAsync(noteId, reason, reasonOther, "api", ct);
        return opened.IsSuccess ? TypedResults.Ok(ToDto(opened.Value)) : opened.Error!.ToProblem();
    }

    private static async Task<IResult> EditAsync(SessionNoteId noteId, NoteEditRequest body, NoteBook notes, TimeProvider clock, CancellationToken ct)
    {
        if (ApiValidation.Check(body) is { } invalid)
        {
            return invalid;
        }

        if (body.Text is null)
        {
            return new Error.Validation("Text", "Write the note before saving it").ToProblem();
        }

        var edited = await notes.EditAsync(noteId, body.Version, body.Text, body.AsAddendum, ct);
        return AfterChange(edited, clock);
    }

    private static async Task<IResult> SignAsync(SessionNoteId noteId, NoteSignRequest body, NoteBook notes, TimeProvider clock, CancellationToken ct)
    {
        if (ApiValidation.Check(body) is { } invalid)
        {
            return invalid;
        }

        if (body.Version is null)
        {
            return new Error.Validation("Version", "Send the version of the note you are signing").ToProblem();
        }

        return AfterChange(await notes.SignAsync(noteId, body.Version, ct), clock);
    }

    private static async Task<IResult> AddendumAsync(SessionNoteId noteId, AddendumRequest body, NoteBook notes, TimeProvider clock, CancellationToken ct)
    {
        if (ApiValidation.Check(body) is { } invalid)
        {
            return invalid;
        }

        if (body.Text is null)
        {
            return new Error.Validation("Text", "Write the addendum before saving it").ToProblem();
        }

        return AfterChange(await notes.AddAddendumAsync(noteId, body.Text, ct), clock);
    }

    private static async Task<IResult> ListAsync(EpisodeId episodeId, NoteBook notes, TimeProvider clock, CancellationToken ct)
    {
        var list = await notes.ListForEpisodeAsync(episodeId, ct);
        return list.IsSuccess
            ? TypedResults.Ok(list.Value.Select(n => Summary(n, clock)).ToList())
            : list.Error!.ToProblem();
    }

    private static async Task<NoteSettingsDto> SettingsAsync(NoteBook notes, CancellationToken ct) => new(await notes.TeamConsultationAsync(ct));

    private static async Task<IResult> SetSettingsAsync(NoteSettingsDto body, NoteBook notes, CancellationToken ct)
    {
        if (body?.TeamConsultation is not { } allowed)
        {
            return new Error.Validation("TeamConsultation", "Say whether therapists may consult colleagues' notes (true or false)").ToProblem();
        }

        await notes.SetTeamConsultationAsync(allowed, ct);
        return TypedResults.Ok(new NoteSettingsDto(allowed));
    }

    private static IResult AfterChange(Result<SessionNote> changed, TimeProvider clock) =>
        changed.IsSuccess ? TypedResults.Ok(Summary(changed.Value, clock)) : changed.Error!.ToProblem();

    private static NoteSummaryDto Summary(SessionNote n, TimeProvider clock) =>
        new(n.Id, n.Kind, n.TherapySessionId, n.EpisodeId, n.PupilId, n.AuthorName, n.WrittenAt, n.IsLockedAt(clock.GetUtcNow().UtcDateTime), n.SignedAt, n.Version);

    private static NoteDto ToDto(NoteView v) => new(v.Note.Id, v.Note.Kind, v.Note.TherapySessionId, v.Note.EpisodeId, v.Note.PupilId, v.Note.AuthorName, v.Note.WrittenAt,
        v.Note.LocksAt, v.Locked, v.Note.SignedAt, v.Note.Version, v.Text,
        v.Versions.Select(x => new NoteVersionDto(x.Version.Number, x.Version.Kind, x.Version.AuthorName, x.Version.WrittenAt, x.Text)).ToList(),
        v.Readers?.Select(r => new NoteReaderDto(r.Name, r.At, r.Reason)).ToList(), v.Reason, v.MayEdit, v.MayAddAddendum, v.ReadsNotListed);
}
