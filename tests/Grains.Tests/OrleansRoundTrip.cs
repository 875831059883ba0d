using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;

namespace UrbanTwin.Grains.Tests;

/// <summary>
/// Copies a value through Orleans' serializer, as grain storage does, to show a type kept in grain
/// state survives a write and a read. Shared by the Grains tests; it belongs at the project's root.
/// </summary>
internal static class OrleansRoundTrip
{
    private static readonly Lazy<Serializer> Serializer = new(() =>
        new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>());

    public static T Copy<T>(T value)
        where T : class =>
        Serializer.Value.Deserialize<T>(Serializer.Value.SerializeToArray(value)) ?? throw new InvalidOperationException("Deserialised to null.");

    /// <summary>Reads a payload that grain storage wrote, as the storage reads it.</summary>
    public static T ReadStored<T>(byte[] payload)
        where T : class =>
        new OrleansGrainStorageSerializer(Serializer.Value).Deserialize<T>(new BinaryData(payload)) ?? throw new InvalidOperationException("Deserialised to null.");
}
