using System.Globalization;
using System.Net;
using UrbanTwin.Contracts;
using UrbanTwin.TestSupport.Mqtt;
using UrbanTwin.TestSupport.Servers;

namespace UrbanTwin.TwinApi.Tests.Security;

/// <summary>
/// The real host for attacks by devices: an admin key to register victims and attackers through
/// the API, few unauthenticated connections allowed (<see cref="MaxPendingConnections"/>) with a
/// short time to CONNECT, so those bounds can be reached, and error replies not rate-limited.
/// </summary>
public sealed class HostileHostFixture : IAsyncLifetime
{
    public const string AdminKey = "hostile-admin-key-5d1e9a7c3b2f4e6a8c0d";

    public const int MaxPendingConnections = 8;

    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(8);

    public TwinHost Host { get; private set; } = null!;

    public int MqttPort => Host.MqttPort;

    public async ValueTask InitializeAsync() => Host = await TwinHost.StartAsync(new Dictionary<string, string>
    {
        ["Auth:AdminKey"] = AdminKey,
        ["Mqtt:MaxPendingConnections"] = MaxPendingConnections.ToString(CultureInfo.InvariantCulture),
        ["Mqtt:ConnectTimeout"] = ConnectTimeout.ToString("c", CultureInfo.InvariantCulture),
        ["Ingestion:ErrorReplyBurst"] = "100000",
    });

    public HttpClient Admin() => Host.CreateClient(AdminKey);

    /// <summary>Registers an asset through the API; returns its device id (the asset id) and secret.</summary>
    internal async Task<(string DeviceId, string Secret)> RegisterAsync(AssetBuilder asset)
    {
        using var admin = Admin();
        var created = (await admin.PostAsync("/api/assets", asset.Build())).AssertOk(HttpStatusCode.Created);
        return (asset.Id, created.GetProperty("device").GetProperty("secret").GetString()!);
    }

    /// <summary>A registered device, connected with its own client id and subscribed to its errors and commands.</summary>
    internal async Task<(DeviceClient Client, string Secret)> ConnectedAsync(AssetBuilder asset)
    {
        var (id, secret) = await RegisterAsync(asset);
        var client = await DeviceClient.ConnectAsync(MqttPort, id, secret);
        await client.SubscribeAsync(Contracts.Topics.DeviceTopic.Errors(asset.Kind, id));
        await client.SubscribeAsync(Contracts.Topics.DeviceTopic.Prefix + asset.Kind.ToSegment() + "/" + id + "/cmd/#");
        return (client, secret);
    }

    public async ValueTask DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class HostileHostDefinition : ICollectionFixture<HostileHostFixture>
{
    public const string Name = "hostile host";
}
