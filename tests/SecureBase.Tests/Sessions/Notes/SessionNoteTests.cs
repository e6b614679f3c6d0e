using System.Security.Cryptography;
using SecureBase.Common;
using SecureBase.Sessions.Notes;

namespace SecureBase.Tests.Sessions.Notes;

/// <summary>The note's own rules, without a database: when it locks, who may change it, and its text sealed with AES-GCM.</summary>
public sealed class SessionNoteTests
{
    private static readonly DateTime Written = new(2026, 11, 2, 15, 30, 0, DateTimeKind.Utc);
    private static readonly NoteAuthor Author = new(Guid.NewGuid(), StaffId.New(), "Ms Author");
    private static readonly NoteAuthor Colleague = new(Guid.NewGuid(), StaffId.New(), "Mr Colleague");

    private static NoteCipher Cipher(params string[] keys) => new(new NoteKeys(string.Join(',', keys), Path.GetTempPath()));

    private static string Key(string id) => $"{id}:{Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}";

    private static (SessionNote Note, NoteCipher Cipher) NewNote()
    {
        var cipher = Cipher(Key("k1"));
        var note = SessionNote.Write(SchoolId.New(), NoteKind.Progress, null, EpisodeId.New(), PupilId.New(), Author, "First words", cipher, Written).Value;
        return (note, cipher);
    }

    [Fact]
    public void TheAuthor_EditsUntil24HoursAfterWriting_ThenTheNoteIsLocked_AndOnlyAnAddendumChangesIt()
    {
        var (note, cipher) = NewNote();
        note.IsLockedAt(Written.AddHours(23).AddMinutes(59)).ShouldBeFalse();
        note.Edit(1, Author, "Second words", cipher, Written.AddHours(23)).IsSuccess.ShouldBeTrue();
        note.AddAddendum(Author, "Too early", cipher, Written.AddHours(23)).Error.ShouldBeOfType<Error.Conflict>("an unlocked note is edited, not added to");

        note.IsLockedAt(Written.AddHours(24)).ShouldBeTrue();
        var late = note.Edit(2, Author, "Third words", cipher, Written.AddHours(24));
        late.Error.ShouldBeOfType<Error.Conflict>().Message.ShouldBe("This note is locked; add an addendum");
        note.Versions.Count.ShouldBe(2);

        note.AddAddendum(Colleague, "Later thought", cipher, Written.AddDays(3)).IsSuccess.ShouldBeTrue();
        note.Versions.Select(v => (v.Number, v.Kind, v.AuthorName)).ShouldBe([(1, NoteEntryKind.Written, "Ms Author"), (2, NoteEntryKind.Written, "Ms Author"), (3, NoteEntryKind.Addendum, "Mr Colleague")]);
        note.Versions[2].WrittenAt.ShouldBe(Written.AddDays(3));
        note.Versions.Select(v => cipher.Open(note.Id, v.Number, v.KeyId, v.Ciphertext).Value).ShouldBe(["First words", "Second words", "Later thought"]);
    }

    [Fact]
    public void Signing_LocksAtOnce_OnlyTheAuthorSigns_AndOnlyOnce()
    {
        var (note, cipher) = NewNote();
        note.Sign(1, Colleague, Written.AddHours(1)).Error.ShouldBeOfType<Error.Forbidden>();
        note.Sign(1, Author, Written.AddHours(1)).IsSuccess.ShouldBeTrue();
        note.IsLockedAt(Written.AddHours(1)).ShouldBeTrue();
        note.SignedAt.ShouldBe(Written.AddHours(1));
        note.Sign(1, Author, Written.AddHours(2)).Error.ShouldBeOfType<Error.Conflict>();
        note.Edit(1, Author, "After signing", cipher, Written.AddHours(2)).Error.ShouldBeOfType<Error.Conflict>();
    }

    [Fact]
    public void SomeoneOtherThanTheAuthor_CannotEdit_EvenBeforeTheNoteLocks()
    {
        var (note, cipher) = NewNote();
        note.Edit(1, Colleague, "Not theirs", cipher, Written.AddMinutes(5)).Error.ShouldBeOfType<Error.Forbidden>();
        note.Versions.ShouldHaveSingleItem();
        note.Version.ShouldBe(1);
    }

    [Fact]
    public void TheText_IsSealedWithAFreshNonceEachTime_AndOpensOnlyForItsNoteAndVersion()
    {
        var cipher = Cipher(Key("k1"));
        var id = SessionNoteId.New();
        var a = cipher.Seal(id, 1, "Same words");
        var b = cipher.Seal(id, 1, "Same words");
        a.Bytes.ShouldNotBe(b.Bytes, "a random nonce per encryption");
        System.Text.Encoding.UTF8.GetString(a.Bytes).ShouldNotContain("Same words");
        cipher.Open(id, 1, a.KeyId, a.Bytes).Value.ShouldBe("Same words");
        cipher.Open(id, 2, a.KeyId, a.Bytes).IsSuccess.ShouldBeFalse("bound to its version");
        cipher.Open(SessionNoteId.New(), 1, a.KeyId, a.Bytes).IsSuccess.ShouldBeFalse("bound to its note");
        var flipped = a.Bytes.ToArray();
        flipped[^1] ^= 0x80;
        cipher.Open(id, 1, a.KeyId, flipped).Error!.Message.ShouldContain("failed its integrity check");
        Cipher(Key("k2")).Open(id, 1, a.KeyId, a.Bytes).Error!.Message.ShouldContain("key 'k1', which this installation does not have");
    }

    [Fact]
    public void ConfiguredKeys_TheLastIsCurrent_AndOlderOnesStillOpen()
    {
        var old = Key("old");
        var oldCipher = Cipher(old);
        var id = SessionNoteId.New();
        var sealedOld = oldCipher.Seal(id, 1, "Old words");
        var both = Cipher(old, Key("new"));
        both.Seal(id, 1, "New words").KeyId.ShouldBe("new");
        both.Open(id, 1, "old", sealedOld.Bytes).Value.ShouldBe("Old words");
        Should.Throw<InvalidOperationException>(() => new NoteKeys("no-colon-here", Path.GetTempPath()));
    }

    [Fact]
    public void TheKeyFile_IsMadeOnFirstUse_ReadableByItsOwnerOnly()
    {
        var folder = Path.Combine(Path.GetTempPath(), "securebase-notekeys-" + Guid.NewGuid().ToString("N"));
        try
        {
            var keys = new NoteKeys(null, folder);
            var cipher = new NoteCipher(keys);
            var sealedText = cipher.Seal(SessionNoteId.New(), 1, "x");
            File.Exists(keys.FilePath).ShouldBeTrue();
            if (!OperatingSystem.IsWindows())
            {
                File.GetUnixFileMode(keys.FilePath).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            new NoteKeys(null, folder).Find(sealedText.KeyId).ShouldNotBeNull("the key is kept for the next start");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
