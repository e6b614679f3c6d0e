using Microsoft.EntityFrameworkCore;
using SecureBase.Audit;
using SecureBase.Caseload;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Schools;

namespace SecureBase.Sessions.Notes;

/// <summary>What to write: a session note (session and pupil), a group note (session, <c>Group</c>), or a progress note (episode only).</summary>
internal sealed record NoteRequest(TherapySessionId? TherapySessionId, PupilId? PupilId, EpisodeId? EpisodeId, bool Group, string? Text);

/// <summary>A version's text as read now, or why it cannot be shown.</summary>
internal sealed record VersionRead(NoteVersion Version, string Text);

/// <summary>Someone other than the author who opened the note, from the audit log.</summary>
internal sealed record NoteReader(string Name, DateTime At, string Reason);

/// <summary>An opened note: every version's text, the reason its opening was recorded with, and (for its author) who else read it.</summary>
internal sealed record NoteView(SessionNote Note, IReadOnlyList<VersionRead> Versions, string Reason, IReadOnlyList<NoteReader>? Readers, bool Locked, bool MayEdit, bool MayAddAddendum,
    int ReadsNotListed = 0)
{
    /// <summary>The most reads by others listed on the note itself (newest first); any before them are counted, and all are in the audit log.</summary>
    public const int ReadersListed = 200;

    public string Text => Versions.Last(v => v.Version.Kind == NoteEntryKind.Written).Text;
}

/// <summary>
/// Who may read, write and change which note, and the audited opening of one. Readers: the author;
/// the pupil's own therapist (a therapist holding an open episode of the pupil); the Head of
/// Therapy; a therapist on the therapy team where the school's team-consultation setting allows
/// it. An ELSA or therapy assistant reads only their own notes; nobody else ever (the policy table
/// gives them no <see cref="SchoolAction.ViewSessionNotes"/>). The author and the pupil's own
/// therapist read with the reason implied; anyone else chooses a reason before the note opens
/// (<see cref="ConfidentialReads"/>). Someone the note is hidden from gets "not found".
/// </summary>
internal sealed class NoteBook(SecureBaseDb db, CurrentUser me, ConfidentialReads reads, AuditLog audit, NoteCipher cipher, TimeProvider clock, Schools.SchoolClock schoolClock)
{
    public const string RecordType = "SessionNote";

    /// <summary>The reasons offered to someone whose relationship does not explain reading a note.</summary>
    public static readonly IReadOnlyList<ReadReason> Reasons = [ReadReason.PreparingMdt, ReadReason.ConsultingTheTeam, ReadReason.SafeguardingOrWelfare, ReadReason.Other];

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<Result<SessionNote>> WriteAsync(NoteRequest request, CancellationToken ct = default)
    {
        if (await AuthorAsync(ct) is not { } author)
        {
            return new Error.Forbidden("Only a practitioner with a staff record can write notes");
        }

        NoteKind kind;
        EpisodeId? episodeId = null;
        PupilId? pupilId = null;
        if (request.TherapySessionId is { } sessionId)
        {
            var session = await db.TherapySessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sessionId, ct);
            if (session is null)
            {
                return new Error.NotFound("That session was not found.");
            }

            if (session.StaffId != author.StaffId)
            {
                return new Error.Forbidden("Only the practitioner who held this session can write its notes");
            }

            if (request.Group)
            {
                if (!session.IsGroup)
                {
                    return new Error.Validation("Group", "This session was not a group: write a note for its pupil");
                }

                kind = NoteKind.Group;
                if (await db.SessionNotes.AnyAsync(n => n.TherapySessionId == sessionId && n.Kind == NoteKind.Group, ct))
                {
                    return new Error.Conflict("This group session has a note already: open it to edit it or add an addendum");
                }
            }
            else
            {
                var member = request.PupilId is { } p ? session.Members.FirstOrDefault(m => m.PupilId == p)
                    : session.Members.Count == 1 ? session.Members[0] : null;
                if (member is null)
                {
                    return new Error.Validation("PupilId", request.PupilId is null ? "Say which pupil the note is about, or write the group note" : "That pupil was not in this session");
                }

                kind = NoteKind.Session;
                pupilId = member.PupilId;
                episodeId = member.EpisodeId;
                if (await db.SessionNotes.AnyAsync(n => n.TherapySessionId == sessionId && n.PupilId == member.PupilId, ct))
                {
                    return new Error.Conflict("This pupil has a note for this session already: open it to edit it or add an addendum");
                }
            }
        }
        else if (request.EpisodeId is { } eid)
        {
            var episode = await db.Episodes.AsNoTracking().SingleOrDefaultAsync(e => e.Id == eid, ct);
            if (episode is null)
            {
                return new Error.NotFound("That episode was not found.");
            }

            if (episode.StaffId != author.StaffId)
            {
                return new Error.Forbidden("Only the episode's practitioner can write its progress notes");
            }

            if (episode.Status != EpisodeStatus.Open)
            {
                return new Error.Conflict("This episode has ended: progress notes are written while it is open");
            }

            var inWeeks = await ProgressWeekAsync(episode, ct);
            if (!inWeeks.IsSuccess)
            {
                return inWeeks.Error!;
            }

            kind = NoteKind.Progress;
            episodeId = episode.Id;
            pupilId = episode.PupilId;
        }
        else
        {
            return new Error.Validation("TherapySessionId", "Say which session (or, for a progress note, which episode) the note is about");
        }

        var written = SessionNote.Write(me.SchoolId, kind, request.TherapySessionId, episodeId, pupilId, author, request.Text, cipher, Now);
        if (!written.IsSuccess)
        {
            return written.Error!;
        }

        db.SessionNotes.Add(written.Value);
        audit.Record("note.written", RecordType, written.Value.Id.ToString());
        await db.SaveChangesAsync(ct);
        return written.Value;
    }

    /// <summary>
    /// Opens a note: not found for someone it is hidden from; a validation error naming "reason" when
    /// no relationship explains the read and no usable reason was given (nothing recorded, nothing shown);
    /// otherwise the read is audited and every version is decrypted.
    /// </summary>
    public async Task<Result<NoteView>> OpenAsync(SessionNoteId id, ReadReason? reason, string? otherReason, string channel, CancellationToken ct = default)
    {
        var note = await db.SessionNotes.AsNoTracking().Include(n => n.Versions).SingleOrDefaultAsync(n => n.Id == id, ct);
        var access = note is null ? default : await AccessAsync(note, ct);
        if (note is null || !access.MayRead)
        {
            return new Error.NotFound("That note was not found.");
        }

        if (access.Relationship is null && reason is { } r && !Reasons.Contains(r))
        {
            return new Error.Validation("reason", "Choose one of the reasons for opening a note: preparing for an MDT meeting, consulting the team, safeguarding, or another reason");
        }

        var because = await reads.OpenAsync(RecordType, id.ToString(), "note", access.Relationship, reason, otherReason, channel, ct);
        if (!because.IsSuccess)
        {
            return because.Error!;
        }

        var versions = new List<VersionRead>();
        foreach (var v in note.Versions.OrderBy(v => v.Number))
        {
            var text = cipher.Open(note.Id, v.Number, v.KeyId, v.Ciphertext);
            if (!text.IsSuccess)
            {
                return text.Error!;
            }

            versions.Add(new VersionRead(v, text.Value));
        }

        IReadOnlyList<NoteReader>? readers = null;
        var notListed = 0;
        if (note.AuthorUserId == me.UserId)
        {
            var idText = id.ToString();
            var othersReads = db.AuditEntries.AsNoTracking()
                .Where(a => a.RecordType == RecordType && a.RecordId == idText && a.UserId != note.AuthorUserId
                            && (a.Action == AuditActions.ConfidentialRead || a.Action == AuditActions.BreakGlassRead));
            var entries = (await othersReads.OrderByDescending(a => a.Sequence).Take(NoteView.ReadersListed).ToListAsync(ct))
                .Select(a => (a.UserId, Reader: new NoteReader(a.UserName ?? "someone", a.At, a.Reason ?? ""))).ToList();
            var ids = entries.Where(e => e.UserId is not null).Select(e => e.UserId!.Value).Distinct().ToList();
            var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
            notListed = entries.Count < NoteView.ReadersListed ? 0 : await othersReads.CountAsync(ct) - entries.Count;
            readers = entries.Select(e => e.UserId is { } uid && names.TryGetValue(uid, out var name) && !string.IsNullOrWhiteSpace(name) ? e.Reader with { Name = name } : e.Reader).ToList();
        }

        var now = Now;
        return new NoteView(note, versions, because.Value, readers, note.IsLockedAt(now), note.AuthorUserId == me.UserId && !note.IsLockedAt(now), note.IsLockedAt(now) && access.MayAddAddendum, notListed);
    }

    /// <summary>The author corrects the note before it locks. After, it is refused ("add an addendum") unless <paramref name="asAddendum"/> asks for the change to be one.</summary>
    public async Task<Result<SessionNote>> EditAsync(SessionNoteId id, int? seen, string? text, bool asAddendum, CancellationToken ct = default)
    {
        var (note, access, author) = await LoadForChangeAsync(id, ct);
        if (note is null || author is null)
        {
            return new Error.NotFound("That note was not found.");
        }

        if (asAddendum && note.IsLockedAt(Now))
        {
            return await AddAddendumAsync(id, text, ct);
        }

        var edited = note.Edit(seen, author, text, cipher, Now);
        if (!edited.IsSuccess)
        {
            return edited.Error!;
        }

        audit.Record("note.edited", RecordType, id.ToString(), detail: $"version {note.Version}");
        return await SaveAsync(note, ct);
    }

    public async Task<Result<SessionNote>> SignAsync(SessionNoteId id, int? seen, CancellationToken ct = default)
    {
        var (note, _, author) = await LoadForChangeAsync(id, ct);
        if (note is null || author is null)
        {
            return new Error.NotFound("That note was not found.");
        }

        var signed = note.Sign(seen, author, Now);
        if (!signed.IsSuccess)
        {
            return signed.Error!;
        }

        audit.Record("note.signed", RecordType, id.ToString());
        return await SaveAsync(note, ct);
    }

    /// <summary>An addendum to a locked note: by its author, the pupil's own therapist or the Head of Therapy.</summary>
    public async Task<Result<SessionNote>> AddAddendumAsync(SessionNoteId id, string? text, CancellationToken ct = default)
    {
        var (note, access, author) = await LoadForChangeAsync(id, ct);
        if (note is null || author is null)
        {
            return new Error.NotFound("That note was not found.");
        }

        if (!access.MayAddAddendum)
        {
            return new Error.Forbidden("Only the note's author, the pupil's own therapist or the Head of Therapy can add an addendum");
        }

        var added = note.AddAddendum(author, text, cipher, Now);
        if (!added.IsSuccess)
        {
            return added.Error!;
        }

        audit.Record("note.addendum", RecordType, id.ToString(), detail: $"version {note.Version}");
        return await SaveAsync(note, ct);
    }

    /// <summary>The notes of an episode (its session and progress notes, and the group notes of its sessions) the user may see, without their text.</summary>
    public async Task<Result<IReadOnlyList<SessionNote>>> ListForEpisodeAsync(EpisodeId id, CancellationToken ct = default)
    {
        var episode = await db.Episodes.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, ct);
        if (episode is null)
        {
            return new Error.NotFound("That episode was not found.");
        }

        var groupSessions = db.TherapySessions.Where(s => s.Members.Any(m => m.EpisodeId == id)).Select(s => s.Id);
        var notes = await db.SessionNotes.AsNoTracking()
            .Where(n => n.EpisodeId == id || (n.Kind == NoteKind.Group && n.TherapySessionId != null && groupSessions.Contains(n.TherapySessionId.Value)))
            .OrderBy(n => n.WrittenAt).ToListAsync(ct);
        var scope = me.ScopeFor(SchoolAction.ViewSessionNotes);
        if (scope.HasFlag(Scope.School) || await IsOwnTherapistAsync([episode.PupilId], ct) || (scope.HasFlag(Scope.OwnCaseload) && await TeamConsultationAsync(ct)))
        {
            return notes;
        }

        var own = notes.Where(n => n.AuthorUserId == me.UserId).ToList();
        var delivers = scope.HasFlag(Scope.DeliveredBySelf) && me.StaffId is { } staff
                       && await db.Episodes.AnyAsync(e => e.PupilId == episode.PupilId && e.StaffId == staff && e.Status == EpisodeStatus.Open, ct);
        return own.Count > 0 || delivers ? own : new Error.NotFound("That episode was not found.");
    }

    /// <summary>The notes of one session (its pupils' notes and its group note), without their text, for a user who reads notes at all; each opens on its own with its reason rule.</summary>
    public async Task<IReadOnlyList<SessionNote>> OfSessionAsync(TherapySessionId id, CancellationToken ct = default) =>
        me.ScopeFor(SchoolAction.ViewSessionNotes) == Scope.None
            ? []
            : await db.SessionNotes.AsNoTracking().Where(n => n.TherapySessionId == id).OrderBy(n => n.WrittenAt).ToListAsync(ct);

    /// <summary>Whether today is in weeks 5–10 of the episode's cycle (in a holiday, where the cycle paused), when progress notes are written.</summary>
    public async Task<Outcome> ProgressWeekAsync(Episode episode, CancellationToken ct = default)
    {
        var calendar = await SchoolCalendar.LoadAsync(db, ct);
        return SessionNote.CheckProgressWeek(EpisodeCycles.PositionNow(calendar, episode.StartDate, schoolClock.Today));
    }

    public async Task<bool> TeamConsultationAsync(CancellationToken ct = default) =>
        await db.NoteSettings.AsNoTracking().Where(s => s.SchoolId == me.SchoolId).Select(s => s.TeamConsultation).SingleOrDefaultAsync(ct);

    public async Task SetTeamConsultationAsync(bool allowed, CancellationToken ct = default)
    {
        var settings = await db.NoteSettings.SingleOrDefaultAsync(s => s.SchoolId == me.SchoolId, ct);
        if (settings is null)
        {
            settings = NoteSettings.For(me.SchoolId);
            db.NoteSettings.Add(settings);
        }

        settings.Set(allowed, me.UserId, Now);
        audit.Record("note-settings.changed", "NoteSettings", me.SchoolId.ToString(), detail: allowed ? "team consultation allowed" : "team consultation not allowed");
        await db.SaveChangesAsync(ct);
    }

    private async Task<Result<SessionNote>> SaveAsync(SessionNote note, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return note;
        }
        catch (DbUpdateConcurrencyException)
        {
            return new Error.Conflict("The note changed while you were saving it; nothing was saved. Open it again.");
        }
        catch (DbUpdateException)
        {
            // Two versions with one number: someone saved at the same moment.
            return new Error.Conflict("The note changed while you were saving it; nothing was saved. Open it again.");
        }
    }

    private async Task<(SessionNote? Note, NoteAccess Access, NoteAuthor? Author)> LoadForChangeAsync(SessionNoteId id, CancellationToken ct)
    {
        var note = await db.SessionNotes.Include(n => n.Versions).SingleOrDefaultAsync(n => n.Id == id, ct);
        if (note is null)
        {
            return (null, default, null);
        }

        var access = await AccessAsync(note, ct);
        return access.MayRead ? (note, access, await AuthorAsync(ct)) : (null, default, null);
    }

    private async Task<NoteAuthor?> AuthorAsync(CancellationToken ct)
    {
        if (me.StaffId is not { } staff)
        {
            return null;
        }

        var name = me.DisplayName.Length > 0 ? me.DisplayName : me.UserName;
        return await db.StaffMembers.AnyAsync(s => s.Id == staff, ct) ? new NoteAuthor(me.UserId, staff, name) : null;
    }

    private readonly record struct NoteAccess(bool MayRead, string? Relationship, bool MayAddAddendum);

    private async Task<NoteAccess> AccessAsync(SessionNote note, CancellationToken ct)
    {
        var scope = me.ScopeFor(SchoolAction.ViewSessionNotes);
        if (scope == Scope.None)
        {
            return default;
        }

        if (note.AuthorUserId == me.UserId)
        {
            return new NoteAccess(true, "the note's author", true);
        }

        if (await IsOwnTherapistAsync(await PupilsOfAsync(note, ct), ct))
        {
            return new NoteAccess(true, "the pupil's own therapist", true);
        }

        if (scope.HasFlag(Scope.School))
        {
            return new NoteAccess(true, null, true);
        }

        if (scope.HasFlag(Scope.OwnCaseload) && await TeamConsultationAsync(ct))
        {
            return new NoteAccess(true, null, false);
        }

        return default;
    }

    /// <summary>Whether the user is a therapist holding an open episode of one of these pupils.</summary>
    private async Task<bool> IsOwnTherapistAsync(IReadOnlyCollection<PupilId> pupils, CancellationToken ct) =>
        me.ScopeFor(SchoolAction.ViewSessionNotes).HasFlag(Scope.OwnCaseload) && me.StaffId is { } staff && pupils.Count > 0
        && await db.Episodes.AnyAsync(e => pupils.Contains(e.PupilId) && e.StaffId == staff && e.Status == EpisodeStatus.Open, ct);

    private async Task<IReadOnlyCollection<PupilId>> PupilsOfAsync(SessionNote note, CancellationToken ct)
    {
        if (note.PupilId is { } pupil)
        {
            return [pupil];
        }

        if (note.TherapySessionId is { } session)
        {
            var members = await db.TherapySessions.AsNoTracking().Where(s => s.Id == session).Select(s => s.Members).SingleOrDefaultAsync(ct);
            return members?.Select(m => m.PupilId).ToList() ?? [];
        }

        return [];
    }
}
