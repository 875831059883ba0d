using System.Text;

namespace UrbanTwin.TestSupport.Servers;

/// <summary>
/// A real mosquitto broker on a free 127.0.0.1 port (or the one given) with its own temporary
/// directory. Extra configuration lines (password file, ACLs, persistence) can be given, with
/// <c>{dir}</c> standing for that directory; anonymous access is on unless they say otherwise.
/// Shared per test collection through <see cref="MosquittoFixture"/>.
/// </summary>
public sealed class MosquittoServer : RestartableServer
{
    public const string Executable = "/usr/sbin/mosquitto";

    private readonly IReadOnlyList<string> _extraConfig;

    private MosquittoServer(string directory, int port, IReadOnlyList<string> extraConfig)
        : base(directory, stopGrace: TimeSpan.FromSeconds(10))
    {
        Port = port;
        _extraConfig = extraConfig;
    }

    public int Port { get; }

    public const string Host = "127.0.0.1";

    public static async Task<MosquittoServer> StartAsync(IReadOnlyList<string>? extraConfig = null, int? port = null)
    {
        var server = new MosquittoServer(ServerProcess.CreateDirectory("mosquitto"), port ?? FreePort.Next(), extraConfig ?? []);
        await server.StartProcessAsync();
        return server;
    }

    protected override TimeSpan ReadyTimeout => TimeSpan.FromSeconds(30);

    protected override Task<bool> IsReadyAsync(CancellationToken cancellationToken) => FreePort.IsAcceptingAsync(Port, cancellationToken);

    protected override async Task<ServerProcess> LaunchAsync()
    {
        var config = new StringBuilder()
            .AppendLine($"listener {Port} 127.0.0.1")
            .AppendLine("log_dest stdout")
            .AppendLine("log_type error")
            .AppendLine("log_type warning")
            .AppendLine("log_type notice");
        if (Environment.UserName == "root")
        {
            // As root mosquitto drops to user "mosquitto", which cannot read files in a private temp dir.
            config.AppendLine("user root");
        }

        if (!_extraConfig.Any(l => l.StartsWith("allow_anonymous", StringComparison.Ordinal)))
        {
            config.AppendLine("allow_anonymous true");
        }

        if (!_extraConfig.Any(l => l.StartsWith("persistence", StringComparison.Ordinal)))
        {
            config.AppendLine("persistence false");
        }

        foreach (var line in _extraConfig)
        {
            config.AppendLine(line.Replace("{dir}", Directory, StringComparison.Ordinal));
        }

        var configPath = Path.Combine(Directory, "mosquitto.conf");
        await File.WriteAllTextAsync(configPath, config.ToString());
        return ServerProcess.Start("mosquitto", Directory, Executable, ["-c", configPath]);
    }
}
