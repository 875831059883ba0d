using System.Globalization;
using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.Grains.Abstractions.Twins;
using UrbanTwin.TestSupport;

namespace UrbanTwin.Gateway.Tests;

/// <summary>
/// 10,000 QoS 1 readings stream in while the gateway's link to mosquitto breaks: afterwards the
/// twin has accepted every reading exactly once. The publisher behaves as firmware does: a reading
/// whose PUBACK never came is sent again after reconnecting.
/// </summary>
internal static class OutageScenario
{
    public const int Readings = 10_000;

    public static readonly DateTimeOffset Start = DateTimeOffset.Parse("2019-05-07T06:00:00Z", CultureInfo.InvariantCulture);

    public static async Task<TwinSnapshot> RunAsync(ExternalGatewayFixture fixture, string deviceId, Func<Task> interrupt)
    {
        var assetId = await fixture.ProvisionFreshTwinAsync(deviceId, DeviceKind.Footfall);
        fixture.Clock.Now = Start.AddHours(3);
        var topic = DeviceTopic.Telemetry(DeviceKind.Footfall, deviceId);
        var third = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var publisher = Task.Run(async () =>
        {
            var device = await fixture.ConnectDeviceAsync(deviceId);
            try
            {
                for (var seq = 0; seq < Readings;)
                {
                    if (seq == Readings / 3)
                    {
                        third.TrySetResult();
                    }

                    var ts = Start.AddSeconds(seq).ToUnixTimeMilliseconds();
                    try
                    {
                        var ack = await device.PublishAsync(topic, $$"""{"seq":{{seq}},"ts":{{ts}},"interval":1,"countIn":{{seq % 7}},"countOut":{{seq % 3}}}""");
                        if (ack.IsSuccess)
                        {
                            seq++;
                            continue;
                        }
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        // the broker went away mid-publish: reconnect and send it again
                    }

                    await device.DisposeAsync();
                    device = await fixture.ConnectDeviceAsync(deviceId);
                }
            }
            finally
            {
                await device.DisposeAsync();
            }
        });

        await third.Task.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        await interrupt();
        await publisher.WaitAsync(TimeSpan.FromSeconds(120), TestContext.Current.CancellationToken);
        return await Eventually.WaitAsync(() => fixture.TwinAsync(assetId), t => t.Accepted >= Readings, TimeSpan.FromSeconds(60));
    }

    public static void AssertComplete(TwinSnapshot twin)
    {
        Assert.Equal(Readings, twin.Accepted);
        Assert.Contains(twin.Latest, f => f.Field == "countIn" && f.Value == (Readings - 1) % 7 && f.TimestampMs == Start.AddSeconds(Readings - 1).ToUnixTimeMilliseconds());
    }
}
