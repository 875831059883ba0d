using System.Globalization;
using UrbanTwin.Contracts.Errors;

namespace UrbanTwin.Contracts.Decoding;

/// <summary>
/// The contract's clock-skew rule: a reading's <c>ts</c> may be at most
/// <see cref="DecoderOptions.FutureTolerance"/> ahead of the hub's clock and at most
/// <see cref="DecoderOptions.MaxAge"/> behind it. Checked last, once the reading is otherwise valid.
/// </summary>
internal sealed class ClockSkewRule
{
    private readonly TimeSpan _maxAge;
    private readonly long _futureToleranceMs;
    private readonly long _maxAgeMs;

    public ClockSkewRule(DecoderOptions options)
    {
        _maxAge = options.MaxAge;
        _futureToleranceMs = (long)options.FutureTolerance.TotalMilliseconds;
        _maxAgeMs = (long)options.MaxAge.TotalMilliseconds;
    }

    /// <summary>Sets <paramref name="error"/> if <paramref name="ts"/> is too far from <paramref name="receivedAtMs"/> (epoch ms).</summary>
    public void Check(long ts, long receivedAtMs, ref PendingError error)
    {
        if (ts > receivedAtMs + _futureToleranceMs)
        {
            error.Set(
                ErrorCode.ClockSkew,
                "ts",
                string.Create(CultureInfo.InvariantCulture, $"ts is {(ts - receivedAtMs) / 1000.0:0.###} s ahead of the hub's clock; the limit is {_futureToleranceMs / 1000} s"));
        }
        else if (ts < receivedAtMs - _maxAgeMs)
        {
            error.Set(
                ErrorCode.ClockSkew,
                "ts",
                string.Create(CultureInfo.InvariantCulture, $"ts is {(receivedAtMs - ts) / 86_400_000.0:0.##} days old; the hub accepts readings up to {_maxAge.TotalDays:0.##} days old"));
        }
    }
}
