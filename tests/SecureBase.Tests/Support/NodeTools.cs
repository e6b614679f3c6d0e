using System.Diagnostics;

namespace SecureBase.Tests.Support;

/// <summary>
/// Real JavaScript tools the tests run with Node.js (ical.js, Redocly CLI): each lives in a folder of the test project
/// with its package.json and package-lock.json, installed there with `npm ci` the first time it is needed.
/// </summary>
public static class NodeTools
{
    private static readonly SemaphoreSlim Install = new(1, 1);

    /// <summary>Installs the folder's locked packages unless <paramref name="package"/> is there already.</summary>
    public static async Task EnsureInstalledAsync(string folder, string package)
    {
        await Install.WaitAsync();
        try
        {
            if (!File.Exists(Path.Combine(folder, "node_modules", package, "package.json")))
            {
                var (code, _, error) = await RunAsync("npm", "ci --no-audit --no-fund", folder);
                code.ShouldBe(0, $"npm ci could not install {package} in {folder} (these tests need Node.js and npm; .ci/run installs them): {error}");
            }
        }
        finally
        {
            Install.Release();
        }
    }

    /// <summary>Runs a program in <paramref name="folder"/>, feeding it <paramref name="input"/>; its exit code and output.</summary>
    public static async Task<(int Code, string Output, string Error)> RunAsync(string file, string arguments, string folder, string? input = null)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
        }

        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
