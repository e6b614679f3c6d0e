using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SecureBase.Tests.Web;

/// <summary>The application as an operator starts it: a misspelt command or a busy port is one plain answer, never the web server or a stack trace.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public async Task AMisspeltCommand_ListsTheCommands_AndExitsNonZero_WithoutStartingTheWebServer()
    {
        var (exit, stdout, stderr) = await RunAsync(TimeSpan.FromSeconds(60), "backpu");
        exit.ShouldBe(2);
        stderr.ShouldContain("'backpu' is not a SecureBase command.");
        stderr.ShouldContain("migrate");
        stderr.ShouldContain("verify-audit");
        stdout.ShouldNotContain("Now listening");

        var (helpExit, _, helpErr) = await RunAsync(TimeSpan.FromSeconds(60), "verfy-audit");
        helpExit.ShouldBe(2);
        helpErr.ShouldContain("Did you mean 'verify-audit'?");
    }

    [Fact]
    public async Task APortAlreadyInUse_IsOnePlainLineNamingTheSetting()
    {
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        var port = ((IPEndPoint)busy.LocalEndpoint).Port;
        var folder = Path.Combine(Path.GetTempPath(), "securebase-port-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (exit, _, stderr) = await RunAsync(TimeSpan.FromMinutes(3), "--urls", $"http://127.0.0.1:{port}", $"--SecureBase:DataFolder={folder}");
            exit.ShouldBe(1);
            stderr.ShouldContain($"http://127.0.0.1:{port} is already in use");
            stderr.ShouldContain("--urls");
            stderr.ShouldNotContain("   at ", customMessage: "no stack trace");
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(TimeSpan limit, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "SecureBase.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(dll);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException e)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"SecureBase {string.Join(' ', args)} did not exit within {limit}: {await stdout} {await stderr}", e);
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
