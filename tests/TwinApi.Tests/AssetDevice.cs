using System.Net;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.TestSupport.Mqtt;

namespace UrbanTwin.TwinApi.Tests;

/// <summary>An asset registered through the API and its device connected over MQTT with the secret it was given, ready to publish.</summary>
internal sealed class AssetDevice : IAsyncDisposable
{
    private readonly DeviceClient _client;
    private int _seq;

    private AssetDevice(AssetBuilder asset, DeviceClient client)
    {
        Asset = asset;
        _client = client;
    }

    public AssetBuilder Asset { get; }

    public string Id => Asset.Id;

    public static Task<AssetDevice> RegisterAsync(HostFixture fixture, HttpClient client, AssetBuilder asset) =>
        RegisterAsync(fixture.Host, client, asset);

    public static async Task<AssetDevice> RegisterAsync(UrbanTwin.TestSupport.Servers.TwinHost host, HttpClient client, AssetBuilder asset)
    {
        var secret = (await client.PostAsync("/api/assets", asset.Build())).AssertOk(HttpStatusCode.Created).GetProperty("device").GetProperty("secret").GetString()!;
        return new AssetDevice(asset, await DeviceClient.ConnectAsync(host.MqttPort, asset.Id, secret));
    }

    /// <summary>Publishes one reading: <paramref name="values"/> are its JSON members after <c>seq</c> and <c>ts</c>, e.g. <c>"no2":41</c>.</summary>
    public Task SendAsync(DateTimeOffset takenAt, string values) =>
        SendBatchAsync([(takenAt, values)]);

    /// <summary>Publishes readings as one message (a JSON array).</summary>
    public async Task SendBatchAsync(IEnumerable<(DateTimeOffset TakenAt, string Values)> readings)
    {
        var items = readings.Select(r => $$"""{"seq":{{Interlocked.Increment(ref _seq)}},"ts":{{r.TakenAt.ToUnixTimeMilliseconds()}},{{r.Values}}}""");
        await _client.PublishAsync(DeviceTopic.Telemetry(Asset.Kind, Asset.Id), "[" + string.Join(",", items) + "]");
    }

    public ValueTask DisposeAsync() => _client.DisposeAsync();
}
