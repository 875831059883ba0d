using Microsoft.Extensions.Options;
using UrbanTwin.TwinApi.Audit;

namespace UrbanTwin.TwinApi.Access;

/// <summary>
/// The first admin key when <c>Auth:AdminKey</c> is unset: made on the very first start (the key
/// store remembers it, so later starts and other nodes never make another, even once it is
/// revoked), kept only as its hash, and written once to standard output: never to the log, never
/// to disk in clear.
/// </summary>
public sealed partial class AdminKeyBootstrap(
    ApiKeyRegistry registry,
    AuditLog audit,
    IOptions<AuthOptions> options,
    ILogger<AdminKeyBootstrap> logger) : IHostedService
{
    public const string Banner = "UrbanTwin admin API key (shown once):";

    /// <summary>Who the audit log says made the key.</summary>
    private static readonly ApiKeyIdentity StartUp = new("start-up", "first start", AccessRoles.Admin, null);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.AdminKey is { Length: > 0 })
        {
            return;
        }

        var by = StartUp.ToPrincipal("start-up");
        if (await registry.BootstrapAdminAsync(by) is not var (record, key))
        {
            return;
        }

        await Console.Out.WriteLineAsync(
            $"""

            {Banner} {key}
              Send it as 'Authorization: Bearer <key>'. Only its hash is kept: store the key now.

            """);
        await Console.Out.FlushAsync(cancellationToken);
        Log.Generated(logger, record.KeyId);
        await audit.RecordAsync(by, AuditActions.KeyCreated, AccessApi.Target(record.KeyId), AccessApi.Describe(record));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Auth:AdminKey is unset: made the first admin API key, id {KeyId}, and printed it once to standard output")]
        public static partial void Generated(ILogger logger, string keyId);
    }
}
