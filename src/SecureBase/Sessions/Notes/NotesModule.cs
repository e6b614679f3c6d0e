using SecureBase.Data;

namespace SecureBase.Sessions.Notes;

public static class NotesModule
{
    /// <summary>Confidential session notes: the note keys (outside the database), the cipher and the note book.</summary>
    public static IServiceCollection AddSessionNotes(this IServiceCollection services)
    {
        services.AddSingleton(sp => new NoteKeys(
            sp.GetRequiredService<IConfiguration>()["SecureBase:NoteKeys"],
            sp.GetRequiredService<IOptions<SecureBaseOptions>>().Value.FullDataFolder));
        services.AddSingleton<NoteCipher>();
        services.AddScoped<NoteBook>();
        return services;
    }
}
