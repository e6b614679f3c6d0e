using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SecureBase.Tests.Support;

/// <summary>
/// The application as an operating-system process (<c>dotnet SecureBase.dll</c>), listening on a real
/// port: what a deployment runs behind a load balancer, and what a test can kill.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private readonly bool _ownsDataFolder;

    private AppProcess(Process process, int port, string dataFolder, bool ownsDataFolder)
    {
        _process = process;
        Port = port;
        DataFolder = dataFolder;
        _ownsDataFolder = ownsDataFolder;
    }

    public int Port { get; }
    public string DataFolder { get; }
    public Uri Address => new($"http://127.0.0.1:{Port}");
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The built application next to this test assembly's configuration (Debug or Release).</summary>
    public static string ApplicationDll
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
            return Path.Combine(Repository.Root, "src", "SecureBase", "bin", configuration, "net10.0", "SecureBase.dll");
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Starts an instance with these settings (configuration keys such as <c>SecureBase:AuditKey</c>) and waits until
    /// /health answers. Without <paramref name="dataFolder"/> it gets a new one, deleted when it stops.
    /// </summary>
    public static async Task<AppProcess> StartAsync(IReadOnlyDictionary<string, string> settings, string? dataFolder = null)
    {
        var port = FreePort();
        var owns = dataFolder is null;
        dataFolder ??= Directory.CreateTempSubdirectory("securebase-instance-").FullName;
        var process = Process.Start(StartInfo(settings, dataFolder, [ApplicationDll, "--urls", $"http://127.0.0.1:{port}", "--contentRoot", Path.Combine(Repository.Root, "src", "SecureBase")]))
            ?? throw new InvalidOperationException("Could not start the application.");
        var app = new AppProcess(process, port, dataFolder, owns);
        process.OutputDataReceived += (_, e) => app.Append(e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(120);
        while (TimeProvider.System.GetUtcNow() < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The application stopped at start (exit code {process.ExitCode}):\n{app.Output}");
            }

            try
            {
                if ((await http.GetAsync(new Uri(app.Address, "/health"))).IsSuccessStatusCode)
                {
                    return app;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        await app.DisposeAsync();
        throw new TimeoutException($"The application did not answer /health within two minutes:\n{app.Output}");
    }

    /// <summary>Runs a command of the application (e.g. <c>verify-audit</c>) with these settings; returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunCommandAsync(IReadOnlyDictionary<string, string> settings, string dataFolder, params string[] args)
    {
        using var process = Process.Start(StartInfo(settings, dataFolder, [ApplicationDll, .. args])) ?? throw new InvalidOperationException("Could not start the application.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>Kills the process at once (SIGKILL): no shutdown code runs, as when a machine loses power.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    private static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string> settings, string dataFolder, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dataFolder,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["SecureBase__DataFolder"] = dataFolder;
        info.Environment["SecureBase__SeedDemo"] = "false";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return info;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        if (_ownsDataFolder)
        {
            try
            {
                Directory.Delete(DataFolder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
