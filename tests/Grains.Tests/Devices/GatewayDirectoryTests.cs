using System.Collections.Concurrent;
using UrbanTwin.Grains.Abstractions.Devices;
using UrbanTwin.TestSupport;
using UrbanTwin.TestSupport.Node;

namespace UrbanTwin.Grains.Tests.Devices;

/// <summary>
/// The gateway directory lives in memory: when its silo is lost it starts again empty, and each
/// gateway joins it again at its next renewal. A revocation in between must still reach them.
/// Each test uses a directory of its own (a fresh activation, as after the move), and gateways
/// that are observers in this process, as the node's own listener is.
/// </summary>
[Collection(NodeCollection.Name)]
public sealed class GatewayDirectoryTests(GatewayHostFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_gateway_joining_a_directory_that_just_started_hears_the_revocations_it_missed_once()
    {
        var directory = fixture.Grains.GetGrain<IGatewayDirectoryGrain>("gateways-" + Guid.NewGuid().ToString("N"));
        var early = new RecordingGateway();
        await directory.JoinAsync("node-early", fixture.Grains.CreateObjectReference<IDeviceSessionObserver>(early));

        // The other node has not renewed since the directory started again.
        await directory.RevokeAsync("aq-missed-01");
        var late = new RecordingGateway();
        var lateReference = fixture.Grains.CreateObjectReference<IDeviceSessionObserver>(late);
        await directory.JoinAsync("node-late", lateReference);

        await late.WaitForAsync("aq-missed-01");
        await early.WaitForAsync("aq-missed-01");

        // Renewing is not joining: the missed revocation is not handed over again.
        await directory.JoinAsync("node-late", lateReference);
        await directory.RevokeAsync("aq-next-02");
        await late.WaitForAsync("aq-next-02");
        Assert.Equal(1, late.Count("aq-missed-01"));
        Assert.Equal(1, early.Count("aq-missed-01"));
    }

    private sealed class RecordingGateway : IDeviceSessionObserver
    {
        private readonly ConcurrentQueue<string> _revoked = new();

        public Task CredentialsRevokedAsync(string deviceId)
        {
            _revoked.Enqueue(deviceId);
            return Task.CompletedTask;
        }

        public int Count(string deviceId) => _revoked.Count(d => d == deviceId);

        public Task WaitForAsync(string deviceId) =>
            Eventually.WaitAsync(() => Task.FromResult(Count(deviceId)), count => count > 0, Patience);
    }
}
