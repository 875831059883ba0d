using System.Security.Claims;

namespace UrbanTwin.TwinApi.Access;

/// <summary>Records every change made through the API: who, what, on what, when.</summary>
public sealed partial class AuditLog(ILogger<AuditLog> logger)
{
    public Task RecordAsync(ClaimsPrincipal who, string action, string target, string? detail = null)
    {
        Log.Change(logger, who.Actor(), action, target, detail);
        return Task.CompletedTask;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "{Actor} {Action} {Target} {Detail}")]
        public static partial void Change(ILogger logger, string actor, string action, string target, string? detail);
    }
}
