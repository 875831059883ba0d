namespace UrbanTwin.Simulator.Readings;

/// <summary>
/// A small, fast pseudo-random generator (xoshiro256**, seeded through SplitMix64) whose sequence
/// depends only on its seed and stream, on every platform and .NET version, unlike
/// <see cref="Random"/>: the simulator's output is repeatable for a given seed.
/// </summary>
public sealed class SimulationRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    public SimulationRandom(long seed, long stream = 0)
    {
        var state = Mix((ulong)seed ^ Mix((ulong)stream + 0x9E3779B97F4A7C15UL));
        _s0 = SplitMix(ref state);
        _s1 = SplitMix(ref state);
        _s2 = SplitMix(ref state);
        _s3 = SplitMix(ref state);
    }

    /// <summary>A well-mixed 64-bit hash of the values, for decisions that must not depend on call order (a day's weather).</summary>
    public static ulong Hash(long a, long b, long c = 0) => Mix((ulong)a ^ Mix((ulong)b ^ Mix((ulong)c + 0x632BE59BD9B4E019UL)));

    /// <summary>A hash as a uniform number in [0, 1).</summary>
    public static double HashUnit(long a, long b, long c = 0) => (Hash(a, b, c) >> 11) * (1.0 / (1UL << 53));

    public ulong NextUInt64()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, <paramref name="maxExclusive"/>).</summary>
    public int Next(int maxExclusive) => (int)(NextDouble() * maxExclusive);

    public double Range(double min, double max) => min + (NextDouble() * (max - min));

    /// <summary>Uniform on a log scale: as likely to be 10–20 as 100–200.</summary>
    public double LogRange(double min, double max) => Math.Exp(Range(Math.Log(min), Math.Log(max)));

    public bool Chance(double probability) => probability > 0 && NextDouble() < probability;

    /// <summary>Standard normal (Box–Muller).</summary>
    public double Normal()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public double Normal(double mean, double deviation) => mean + (deviation * Normal());

    /// <summary>Exponentially distributed with the given mean (waiting times of a Poisson process).</summary>
    public double Exponential(double mean) => -mean * Math.Log(1.0 - NextDouble());

    /// <summary>A Poisson count with mean <paramref name="lambda"/> (exact for small means, normal approximation above 30).</summary>
    public int Poisson(double lambda)
    {
        if (lambda <= 0)
        {
            return 0;
        }

        if (lambda > 30)
        {
            return Math.Max(0, (int)Math.Round(Normal(lambda, Math.Sqrt(lambda))));
        }

        var limit = Math.Exp(-lambda);
        var count = 0;
        var product = NextDouble();
        while (product > limit)
        {
            count++;
            product *= NextDouble();
        }

        return count;
    }

    /// <summary>How many of <paramref name="trials"/> succeed with probability <paramref name="p"/> each.</summary>
    public int Binomial(int trials, double p)
    {
        if (trials > 50)
        {
            var mean = trials * p;
            return Math.Clamp((int)Math.Round(Normal(mean, Math.Sqrt(mean * (1 - p)))), 0, trials);
        }

        var count = 0;
        for (var i = 0; i < trials; i++)
        {
            count += NextDouble() < p ? 1 : 0;
        }

        return count;
    }

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    private static ulong SplitMix(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        return Mix(state);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
