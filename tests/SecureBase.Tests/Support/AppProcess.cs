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

    private AppProcess(Process process, int port, string dataFolder)
    {
        _process = process;
        Port = port;
        DataFolder = dataFolder;
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

    /// <summary>Starts an instance with these settings (configuration keys such as <c>SecureBase:AuditKey</c>) and waits until /health answers.</summary>
    public static async Task<AppProcess> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var port = FreePort();
        var dataFolder = Directory.CreateTempSubdirectory("securebase-instance-").FullName;
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dataFolder,
        };
        foreach (var arg in new[] { ApplicationDll, "--urls", $"http://127.0.0.1:{port}", "--contentRoot", Path.Combine(Repository.Root, "src", "SecureBase") })
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

        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the application.");
        var app = new AppProcess(process, port, dataFolder);
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
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
