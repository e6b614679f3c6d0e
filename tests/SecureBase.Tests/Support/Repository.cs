namespace SecureBase.Tests.Support;

public static class Repository
{
    /// <summary>The repository's root folder (where SecureBase.slnx is).</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SecureBase.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Cannot find the repository root (SecureBase.slnx).");
    }
}
