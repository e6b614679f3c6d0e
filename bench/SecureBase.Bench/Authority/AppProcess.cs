using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SecureBase.Bench.Authority;

/// <summary>
/// The application as an operating-system process (<c>dotnet SecureBase.dll</c>, Release, Production)
/// on a real port, as a deployment runs it: what wrk loads.
/// </summary>
internal sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private AppProcess(Process process, int port)
    {
        _process = process;
        Address = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri Address { get; }

    /// <summary>The application's process id (to attach a CPU profiler: dotnet-trace, perf).</summary>
    public int ProcessId => _process.Id;

    /// <summary>CPU time the application's process has used so far (user and kernel, all threads).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    private static string? SqlLog => Environment.GetEnvironmentVariable("SECUREBASE_BENCH_SQL_LOG") is { Length: > 0 } path ? path : null;

    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SecureBase.slnx")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("Run the benchmark from the repository.");
        }
    }

    public static string WebProjectFolder => Path.Combine(RepositoryRoot, "src", "SecureBase");

    /// <summary>The application built beside the benchmark (Release when the benchmark runs with <c>-c Release</c>).</summary>
    public static string ApplicationDll
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
            return Path.Combine(WebProjectFolder, "bin", configuration, "net10.0", "SecureBase.dll");
        }
    }

    public static async Task<AppProcess> StartAsync(IReadOnlyDictionary<string, string> settings, string dataFolder)
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dataFolder,
        };
        foreach (var arg in new[] { ApplicationDll, "--urls", $"http://127.0.0.1:{port}", "--contentRoot", WebProjectFolder })
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

        // For finding why a page is slow: every SQL command with its time, written to this file.
        if (SqlLog is not null)
        {
            info.Environment["Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command"] = "Information";
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the application.");
        var app = new AppProcess(process, port);
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

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
                if (SqlLog is { } log)
                {
                    File.AppendAllText(log, line + Environment.NewLine);
                }
            }
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
    }
}
