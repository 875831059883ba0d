using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using UrbanTwin.TwinApi.Problems;

namespace UrbanTwin.TwinApi.OpenData;

/// <summary>
/// The open data's rate limit (ASP.NET Core's rate limiter, policy <see cref="Policy"/>): a fixed
/// window of <see cref="OpenDataOptions.PermitsPerWindow"/> requests per
/// <see cref="OpenDataOptions.RateWindow"/> for each client address, an IPv6 client by its /64
/// (one subscriber's usual share). Beyond it: 429 <c>rate-limited</c> with <c>Retry-After</c>.
/// The address is the connection's: behind a reverse proxy, forwarded headers must be applied first.
/// </summary>
public static class OpenDataRateLimit
{
    public const string Policy = "open-data";

    public static IServiceCollection AddOpenDataRateLimit(this IServiceCollection services) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(Policy, context =>
            {
                var options = context.RequestServices.GetRequiredService<IOptions<OpenDataOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(
                    ClientOf(context.Connection.RemoteIpAddress),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = options.PermitsPerWindow, Window = options.RateWindow, QueueLimit = 0 });
            });
            limiter.OnRejected = RejectAsync;
        });

    /// <summary>The partition of a client address: IPv4 as is (IPv4-mapped IPv6 too), IPv6 by its /64 prefix.</summary>
    public static string ClientOf(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var options = http.RequestServices.GetRequiredService<IOptions<OpenDataOptions>>().Value;
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : options.RateWindow;
        var seconds = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        http.RequestServices.GetRequiredService<OpenDataMetrics>().RateLimited();
        await ApiProblems.RateLimited
            .Result(string.Create(CultureInfo.InvariantCulture, $"this address may make {options.PermitsPerWindow} open-data requests per {options.RateWindow.TotalSeconds:0} s; retry in {seconds} s"))
            .ExecuteAsync(http);
    }
}
