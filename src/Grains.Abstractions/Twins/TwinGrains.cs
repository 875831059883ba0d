namespace UrbanTwin.Grains.Abstractions.Twins;

/// <summary>
/// References to asset twins for the hot paths (a device message, a twin read). Orleans'
/// <c>GetGrain&lt;T&gt;(string)</c> resolves the interface through attribute reflection on every
/// call, which cost about a tenth of the CPU of ingesting a message; here the grain and interface
/// types are resolved once and each reference is made from them.
/// </summary>
public static class TwinGrains
{
    private static (GrainType Type, GrainInterfaceType Interface)? _types;

    public static IAssetTwinGrain Twin(this IGrainFactory grains, string assetId)
    {
        var (type, interfaceType) = _types ??= Resolve(grains);
        return (IAssetTwinGrain)grains.GetGrain(GrainId.Create(type, IdSpan.Create(assetId)), interfaceType);
    }

    private static (GrainType, GrainInterfaceType) Resolve(IGrainFactory grains)
    {
        var probe = (GrainReference)grains.GetGrain<IAssetTwinGrain>("twin-type");
        return (probe.GrainId.Type, probe.InterfaceType);
    }
}
