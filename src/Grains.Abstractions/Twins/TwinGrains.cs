namespace UrbanTwin.Grains.Abstractions.Twins;

/// <summary>
/// References to asset twins for the hot paths (a device message, a twin read). Orleans'
/// <c>GetGrain&lt;T&gt;(string)</c> resolves the interface through attribute reflection on every
/// call, which cost about a tenth of the CPU of ingesting a message; here the grain and interface
/// types are resolved once and each reference is made from them.
/// </summary>
public static class TwinGrains
{
    // A class, so that it is published whole: a nullable tuple is written field by field, and a
    // thread reading it while the first call fills it in could see it set with empty types (Orleans
    // then made a bare reference that is no IAssetTwinGrain).
    private static TwinTypes? _types;

    public static IAssetTwinGrain Twin(this IGrainFactory grains, string assetId)
    {
        var types = _types ??= Resolve(grains);
        return (IAssetTwinGrain)grains.GetGrain(GrainId.Create(types.Type, IdSpan.Create(assetId)), types.Interface);
    }

    private static TwinTypes Resolve(IGrainFactory grains)
    {
        var probe = (GrainReference)grains.GetGrain<IAssetTwinGrain>("twin-type");
        return new TwinTypes(probe.GrainId.Type, probe.InterfaceType);
    }

    private sealed record TwinTypes(GrainType Type, GrainInterfaceType Interface);
}
