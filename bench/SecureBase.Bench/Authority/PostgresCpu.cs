using System.Globalization;

namespace SecureBase.Bench.Authority;

/// <summary>
/// CPU time used so far by every PostgreSQL server process on this machine (user and kernel, from
/// <c>/proc/&lt;pid&gt;/stat</c>), for <c>--profile</c>: a request's cost on the database server,
/// which wrk's latency mixes with whatever else the machine is doing. Processes that end between two
/// readings drop out, so it is read around requests on pooled connections that stay open.
/// </summary>
internal static class PostgresCpu
{
    private const double TicksPerSecond = 100; // USER_HZ, 100 on Linux on every architecture .NET runs on

    public static TimeSpan Total()
    {
        double ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out _))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var open = stat.IndexOf('(', StringComparison.Ordinal);
                var close = stat.LastIndexOf(')');
                if (open < 0 || close < open || stat[(open + 1)..close] != "postgres")
                {
                    continue;
                }

                // After the command name: state is field 3, utime field 14 and stime field 15.
                var fields = stat[(close + 2)..].Split(' ');
                ticks += double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // The process ended while being read.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }
}
