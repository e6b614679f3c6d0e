using Microsoft.EntityFrameworkCore;
using SecureBase.Data;
using SecureBase.Sessions.Notes;

namespace SecureBase.Cli;

/// <summary>
/// The <c>rotate-note-key</c> subcommand: adds a new note key to the key file and makes it current,
/// re-encrypts every note version under it in batches, and prints how many. A key retired by an
/// earlier rotation is removed from the file once no note uses it (never in the run that retired
/// it, so an instance still writing under it cannot lose a note). With keys set in configuration
/// (<c>SecureBase:NoteKeys</c>) the new key is added there by the operator, and
/// <c>rotate-note-key --reencrypt</c> moves every note onto it.
/// </summary>
internal static class RotateNoteKeyCommand
{
    public const int BatchSize = 200;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        await using var app = CommandHost.Build(args);
        var keys = app.Services.GetRequiredService<NoteKeys>();
        var cipher = app.Services.GetRequiredService<NoteCipher>();
        var reencryptOnly = args.Contains("--reencrypt", StringComparer.Ordinal);
        if (keys.FromConfiguration && !reencryptOnly)
        {
            await stderr.WriteLineAsync("The note keys are set in configuration (SecureBase:NoteKeys), so this command cannot add one: add a new key there as the last entry (id:base64 of 32 random bytes), restart the application, then run rotate-note-key --reencrypt.");
            return 2;
        }

        try
        {
            var retiredBefore = keys.All.Take(keys.All.Count - 1).Select(k => k.Id).ToList();
            if (!reencryptOnly)
            {
                var added = keys.AddKey();
                await stdout.WriteLineAsync($"Added note key {added} to {keys.FilePath}; new notes are encrypted under it.");
            }

            var current = cipher.CurrentKeyId;
            var moved = 0;
            var failed = new List<NoteVersionId>();
            while (true)
            {
                await using var scope = app.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
                var batch = await db.NoteVersions.Where(v => v.KeyId != current && !failed.Contains(v.Id))
                    .OrderBy(v => v.Id).Take(BatchSize).ToListAsync();
                if (batch.Count == 0)
                {
                    break;
                }

                foreach (var version in batch)
                {
                    var resealed = cipher.Reseal(version);
                    if (resealed.IsSuccess)
                    {
                        version.Reseal(resealed.Value);
                        moved++;
                    }
                    else
                    {
                        failed.Add(version.Id);
                        await stderr.WriteLineAsync($"Note {version.NoteId} version {version.Number}: {resealed.Error!.Message}");
                    }
                }

                await db.SaveChangesAsync();
            }

            await stdout.WriteLineAsync($"Re-encrypted {moved} note version{(moved == 1 ? "" : "s")} under key {current}.");
            if (!keys.FromConfiguration)
            {
                await using var scope = app.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
                var inUse = await db.NoteVersions.Select(v => v.KeyId).Distinct().ToListAsync();
                var unused = retiredBefore.Where(k => !inUse.Contains(k)).ToList();
                if (unused.Count > 0)
                {
                    keys.Remove(unused);
                    await stdout.WriteLineAsync($"Removed {unused.Count} old key{(unused.Count == 1 ? "" : "s")} no note uses: {string.Join(", ", unused)}.");
                }

                var kept = keys.All.Where(k => k.Id != current).Select(k => k.Id).ToList();
                if (kept.Count > 0)
                {
                    await stdout.WriteLineAsync($"Kept old key{(kept.Count == 1 ? "" : "s")} {string.Join(", ", kept)} until a later run finds no note using {(kept.Count == 1 ? "it" : "them")}.");
                }
            }

            if (failed.Count > 0)
            {
                await stderr.WriteLineAsync($"{failed.Count} note version{(failed.Count == 1 ? "" : "s")} could not be re-encrypted (above); they are still under their old key.");
                return 1;
            }

            return 0;
        }
        catch (System.Data.Common.DbException ex)
        {
            await stderr.WriteLineAsync($"The notes could not be re-encrypted: {ex.Message}");
            return 1;
        }
        catch (InvalidOperationException ex)
        {
            await stderr.WriteLineAsync(ex.Message);
            return 1;
        }
    }
}
