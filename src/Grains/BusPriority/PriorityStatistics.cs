using UrbanTwin.Contracts.Readings;

using UrbanTwin.Grains.Abstractions.BusPriority;

namespace UrbanTwin.Grains.BusPriority;

/// <summary>
/// The decisions of one junction, counted in total and per route. Routes are kept apart up to a
/// bound (a misbehaving device must not grow the state without limit); requests of routes first
/// seen after that are counted together in <see cref="OtherRoutes"/>, which is not a dictionary
/// entry because <c>other</c> is itself a valid route name.
/// </summary>
[GenerateSerializer]
[Alias("ut.PriorityStatistics")]
public sealed class PriorityStatistics
{
    public const int DefaultMaxRoutes = 256;

    [Id(0)]
    private readonly int _maxRoutes;

    [Id(1)]
    private readonly PriorityCounts _total = new();

    [Id(2)]
    private readonly Dictionary<string, PriorityCounts> _routes = [];

    [Id(3)]
    private readonly PriorityCounts _otherRoutes = new();

    /// <param name="maxRoutes">How many routes are counted on their own.</param>
    public PriorityStatistics(int maxRoutes = DefaultMaxRoutes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxRoutes);
        _maxRoutes = maxRoutes;
    }

    /// <summary>Every request at the junction.</summary>
    public PriorityCounts Total => _total;

    /// <summary>The routes counted on their own, by route name (case-sensitive).</summary>
    public IReadOnlyDictionary<string, PriorityCounts> Routes => _routes;

    /// <summary>The routes beyond the bound, together.</summary>
    public PriorityCounts OtherRoutes => _otherRoutes;

    /// <summary>Counts one decided request.</summary>
    public void Record(PriorityRequest request, PriorityDecision decision)
    {
        _total.Count(request.LateSeconds, decision);
        if (!_routes.TryGetValue(request.Route, out var route))
        {
            if (_routes.Count >= _maxRoutes)
            {
                _otherRoutes.Count(request.LateSeconds, decision);
                return;
            }

            route = new PriorityCounts();
            _routes.Add(request.Route, route);
        }

        route.Count(request.LateSeconds, decision);
    }
}
