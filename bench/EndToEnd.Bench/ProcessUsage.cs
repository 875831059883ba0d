using System.Globalization;

namespace UrbanTwin.EndToEnd.Bench;

/// <summary>
/// CPU time and peak memory of the processes under test, read from <c>/proc</c>: user + system
/// time (<c>utime</c> + <c>stime</c> of <c>/proc/PID/stat</c>) and the peak resident set
/// (<c>VmHWM</c> of <c>/proc/PID/status</c>). Servers are found by a fragment of their command
/// line (their own temporary directory), skipping the small shell guard that starts them.
/// </summary>
public sealed class ProcessUsage(string name, IReadOnlyList<int> pids)
{
    // USER_HZ: the unit of utime and stime; 100 on every Linux architecture .NET runs on.
    private const double TicksPerSecond = 100;

    // The thread name as Linux keeps it (15 characters).
    private const string TieredCompilationThread = ".NET Tiered Com";

    public string Name { get; } = name;

    public IReadOnlyList<int> Pids { get; } = pids;

    /// <summary>The processes (not shells) whose command line holds <paramref name="fragment"/>.</summary>
    public static ProcessUsage Find(string name, string fragment)
    {
        var pids = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
                var command = File.ReadAllText(Path.Combine(directory, "comm")).Trim();
                if (command != "sh" && commandLine.Contains(fragment, StringComparison.Ordinal))
                {
                    pids.Add(pid);
                }
            }
            catch (IOException)
            {
                // the process ended while we looked
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return pids.Count > 0 ? new ProcessUsage(name, pids) : throw new InvalidOperationException($"no process of {name} found (command line holding '{fragment}')");
    }

    /// <summary>Several servers counted as one system under test.</summary>
    public static ProcessUsage Together(string name, params ProcessUsage[] parts) => new(name, [.. parts.SelectMany(p => p.Pids)]);

    /// <summary>User + system CPU seconds used so far by these processes (0 for one that has ended).</summary>
    public double CpuSeconds() => Pids.Sum(pid => CpuSecondsOf(pid.ToString(CultureInfo.InvariantCulture), withChildren: false));

    /// <summary>
    /// User + system CPU seconds of this process and of the child processes it has waited for
    /// (a subscriber it started and that has exited, for instance).
    /// </summary>
    public static double SelfWithEndedChildrenCpuSeconds() => CpuSecondsOf("self", withChildren: true);

    /// <summary>
    /// CPU seconds of the .NET runtime's tiered-compilation thread (<c>.NET Tiered Com</c>) in these
    /// processes: the background recompilation of hot methods (tier 1, dynamic PGO) that goes on
    /// for a while after a .NET process starts working; 0 for processes that are not .NET.
    /// </summary>
    public double TieredCompilationCpuSeconds()
    {
        var seconds = 0.0;
        foreach (var pid in Pids)
        {
            var tasks = $"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/task";
            string[] threads;
            try
            {
                threads = Directory.GetDirectories(tasks);
            }
            catch (IOException)
            {
                continue;
            }

            foreach (var thread in threads)
            {
                if (ReadOrEmpty(Path.Combine(thread, "comm")).Trim() == TieredCompilationThread)
                {
                    seconds += CpuSecondsOf(thread["/proc/".Length..], withChildren: false);
                }
            }
        }

        return seconds;
    }

    /// <summary>
    /// CPU seconds the whole machine has been busy (user, nice, system, interrupts, steal; not idle
    /// or I/O wait), from the first line of <c>/proc/stat</c>: less the processes measured, what
    /// anything else running on the machine took during a run.
    /// </summary>
    public static double MachineBusySeconds()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var busy = 0L;
        foreach (var i in new[] { 1, 2, 3, 6, 7, 8 })
        {
            busy += long.Parse(fields[i], CultureInfo.InvariantCulture);
        }

        return busy / TicksPerSecond;
    }

    /// <summary>The sum of the processes' peak resident sets, in MiB.</summary>
    public double PeakMemoryMiB()
    {
        var kib = 0L;
        foreach (var pid in Pids)
        {
            foreach (var line in ReadOrEmpty($"/proc/{pid}/status").Split('\n'))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    kib += long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }
        }

        return kib / 1024.0;
    }

    private static double CpuSecondsOf(string pid, bool withChildren)
    {
        var stat = ReadOrEmpty($"/proc/{pid}/stat");
        // Fields after the command name, which is in parentheses and may hold spaces: state is
        // field 3, utime 14, stime 15, cutime 16, cstime 17.
        var fields = stat[(stat.LastIndexOf(')') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 15)
        {
            return 0;
        }

        var ticks = 0L;
        for (var i = 11; i <= (withChildren ? 14 : 12); i++)
        {
            ticks += long.Parse(fields[i], CultureInfo.InvariantCulture);
        }

        return ticks / TicksPerSecond;
    }

    private static string ReadOrEmpty(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return ")";
        }
    }
}
