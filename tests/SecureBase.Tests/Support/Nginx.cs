using System.Diagnostics;
using System.Net.Sockets;

namespace SecureBase.Tests.Support;

/// <summary>
/// nginx from Debian's packages as the load balancer in front of application instances: round robin,
/// no sticky sessions, the forwarded headers docs/deployment.md prescribes, and an X-Upstream header
/// naming the instance that answered (for the tests only).
/// </summary>
public sealed class Nginx : IAsyncDisposable
{
    public const string Variable = "SECUREBASE_TEST_NGINX";

    private readonly Process _process;
    private readonly string _folder;

    private Nginx(Process process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }
    public Uri Address => new($"http://127.0.0.1:{Port}");

    public static string? Executable =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured ? configured
        : File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx"
        : null;

    public static string? SkipReason =>
        Executable is not null || TestDatabases.RequireAll ? null : "nginx is not installed (the .ci/run script installs it from Debian's packages).";

    public static async Task<Nginx> StartAsync(IEnumerable<int> upstreamPorts)
    {
        var executable = Executable ?? throw new InvalidOperationException("nginx is not installed: apt-get install nginx (the .ci/run script does).");
        var folder = Directory.CreateTempSubdirectory("securebase-nginx-").FullName;
        var port = AppProcess.FreePort();
        var servers = string.Join("\n", upstreamPorts.Select(p => $"        server 127.0.0.1:{p};"));
        await File.WriteAllTextAsync(Path.Combine(folder, "nginx.conf"), $$"""
            worker_processes 1;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            events { worker_connections 256; }
            http {
                access_log off;
                client_body_temp_path {{folder}}/client_body;
                proxy_temp_path {{folder}}/proxy;
                fastcgi_temp_path {{folder}}/fastcgi;
                uwsgi_temp_path {{folder}}/uwsgi;
                scgi_temp_path {{folder}}/scgi;
                upstream securebase {
            {{servers}}
                }
                server {
                    listen 127.0.0.1:{{port}};
                    location / {
                        proxy_pass http://securebase;
                        proxy_set_header Host $host;
                        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                        proxy_set_header X-Forwarded-Proto $scheme;
                        add_header X-Upstream $upstream_addr always;
                    }
                }
            }
            """);
        var info = new ProcessStartInfo(executable) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "-p", folder, "-e", Path.Combine(folder, "error.log"), "-c", Path.Combine(folder, "nginx.conf"), "-g", "daemon off;" })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start nginx.");
        var nginx = new Nginx(process, folder, port);
        for (var i = 0; i < 100; i++)
        {
            if (process.HasExited)
            {
                var log = File.Exists(Path.Combine(folder, "error.log")) ? await File.ReadAllTextAsync(Path.Combine(folder, "error.log")) : "";
                throw new InvalidOperationException($"nginx stopped at start: {await process.StandardError.ReadToEndAsync()} {log}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port);
                return nginx;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        await nginx.DisposeAsync();
        throw new TimeoutException("nginx did not start listening.");
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
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
