using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using UrbanTwin.Contracts;
using UrbanTwin.Grains.Abstractions.Live;
using UrbanTwin.Grains.Abstractions.Twins;
using UrbanTwin.Grains.Live;

namespace UrbanTwin.Grains.Tests.Live;

/// <summary>The node's live feed: fan-out by filter, bounded queues that drop the oldest for a slow listener, nothing built when nobody listens.</summary>
public sealed class LiveFeedTests
{
    private static readonly LiveFilter Everything = new(Scope: null);

    [Fact]
    public void Nobody_listening_means_twins_build_no_events()
    {
        var feed = Feed();
        Assert.False(feed.IsWanted);

        using (feed.Subscribe(Everything))
        {
            Assert.True(feed.IsWanted);
            Assert.True(feed.HasLocalListeners);
        }

        Assert.False(feed.IsWanted);
        Assert.False(feed.HasLocalListeners);
    }

    [Fact]
    public void Each_listener_gets_the_events_its_filter_lets_through_in_order()
    {
        var feed = Feed();
        using var all = feed.Subscribe(Everything);
        using var footfall = feed.Subscribe(new LiveFilter(null, DeviceKind.Footfall));

        feed.Publish(Event("aq-1", DeviceKind.AirQuality));
        feed.Deliver([Event("ff-1", DeviceKind.Footfall), Event("ff-2", DeviceKind.Footfall)]);

        Assert.Equal(["aq-1", "ff-1", "ff-2"], Drain(all));
        Assert.Equal(["ff-1", "ff-2"], Drain(footfall));
    }

    [Fact]
    public void A_slow_listener_loses_its_oldest_events_and_learns_how_many_while_others_keep_theirs()
    {
        var feed = Feed(buffer: 16);
        using var slow = feed.Subscribe(Everything);
        using var other = feed.Subscribe(new LiveFilter(null, DeviceKind.Footfall));

        for (var i = 0; i < 100; i++)
        {
            feed.Publish(Event($"aq-{i}", DeviceKind.AirQuality));
        }

        Assert.Equal(84, slow.TakeDropped());
        Assert.Equal(0, slow.TakeDropped());
        Assert.Equal(Enumerable.Range(84, 16).Select(i => $"aq-{i}"), Drain(slow));
        Assert.Empty(Drain(other));
        Assert.Equal(0, other.TakeDropped());
    }

    [Fact]
    public void A_disposed_subscription_ends_its_stream()
    {
        var feed = Feed();
        var subscription = feed.Subscribe(Everything);

        subscription.Dispose();
        feed.Publish(Event("aq-1", DeviceKind.AirQuality));

        Assert.True(subscription.Events.Completion.IsCompleted);
        Assert.Empty(Drain(subscription));
    }

    [Fact]
    public void An_event_with_a_twin_change_and_one_with_an_alert_survive_orleans_serialization()
    {
        var change = new LiveEvent("aq-1", DeviceKind.AirQuality, "E09000007", -0.127, 51.519, new TwinChange("ok", [new FieldValue("no2", 41.5, 1_700_000_000_000)]));
        var alert = new LiveEvent("aq-1", DeviceKind.AirQuality, "E09000007", -0.127, 51.519, Alert: LiveFilterTests.AlertIn("E09000007"));

        var changeCopy = OrleansRoundTrip.Copy(change);
        var alertCopy = OrleansRoundTrip.Copy(alert);

        Assert.Equal(change with { Twin = null }, changeCopy with { Twin = null });
        Assert.Equal(change.Twin!.Latest, changeCopy.Twin!.Latest);
        Assert.Equal(alert, alertCopy);
    }

    [Fact]
    public void A_listener_resuming_after_an_id_gets_the_events_it_missed_that_its_filter_lets_through_then_the_live_ones()
    {
        var feed = Feed();
        using var other = feed.Subscribe(Everything);
        string lastSeen;
        using (var first = feed.Subscribe(Everything))
        {
            feed.Publish(Event("aq-1", DeviceKind.AirQuality));
            Assert.True(first.Events.TryRead(out var seen));
            lastSeen = feed.IdOf(seen!);
        }

        // Away: three events, one of them not for this listener's filter.
        feed.Publish(Event("aq-2", DeviceKind.AirQuality));
        feed.Publish(Event("ff-1", DeviceKind.Footfall));
        feed.Publish(Event("aq-3", DeviceKind.AirQuality));
        using var resumed = feed.Subscribe(new LiveFilter(null, DeviceKind.AirQuality), lastSeen);
        feed.Publish(Event("aq-4", DeviceKind.AirQuality));

        Assert.False(resumed.Gap);
        Assert.Equal(["aq-2", "aq-3"], resumed.Replay.Select(e => e.Event.AssetId));
        Assert.Equal(["aq-4"], Drain(resumed));
        Assert.True(resumed.Replay[0].Sequence < resumed.Replay[1].Sequence);
    }

    [Fact]
    public void Resuming_across_a_moment_when_nobody_listened_is_a_gap_since_no_events_were_built_then()
    {
        var feed = Feed();
        string lastSeen;
        using (var only = feed.Subscribe(Everything))
        {
            feed.Publish(Event("aq-1", DeviceKind.AirQuality));
            only.Events.TryRead(out var seen);
            lastSeen = feed.IdOf(seen!);
        }

        using var resumed = feed.Subscribe(Everything, lastSeen);

        Assert.True(resumed.Gap);
        Assert.Empty(resumed.Replay);
    }

    [Theory]
    [InlineData("another-node-or-start")]
    [InlineData("0a1b2c3d4e5f-1")]
    [InlineData("")]
    public void An_id_this_node_never_gave_is_a_gap(string lastEventId)
    {
        var feed = Feed();
        feed.Publish(Event("aq-1", DeviceKind.AirQuality));

        using var resumed = feed.Subscribe(Everything, lastEventId);

        Assert.True(resumed.Gap);
        Assert.Empty(resumed.Replay);
    }

    [Fact]
    public void An_id_older_than_the_events_kept_is_a_gap_and_one_just_inside_is_not()
    {
        var feed = Feed(replay: 4);
        using var other = feed.Subscribe(Everything);
        string first;
        string second;
        using (var listener = feed.Subscribe(Everything))
        {
            feed.Publish(Event("aq-1", DeviceKind.AirQuality));
            feed.Publish(Event("aq-2", DeviceKind.AirQuality));
            listener.Events.TryRead(out var one);
            listener.Events.TryRead(out var two);
            (first, second) = (feed.IdOf(one!), feed.IdOf(two!));
        }

        // Six events in all; the last four are kept (3..6): resuming after 2 still works, after 1 not.
        for (var i = 3; i <= 6; i++)
        {
            feed.Publish(Event($"aq-{i}", DeviceKind.AirQuality));
        }

        using var late = feed.Subscribe(Everything, first);
        using var justInTime = feed.Subscribe(Everything, second);

        Assert.True(late.Gap);
        Assert.False(justInTime.Gap);
        Assert.Equal(["aq-3", "aq-4", "aq-5", "aq-6"], justInTime.Replay.Select(e => e.Event.AssetId));
    }

    internal static LiveEvent Event(string assetId, DeviceKind kind, string? area = "E09000007", double lon = -0.127, double lat = 51.519) =>
        new(assetId, kind, area, lon, lat, new TwinChange("ok", []));

    private static LiveFeed Feed(int buffer = 1_000, int replay = 10_000) =>
        new(Options.Create(new LiveOptions { SubscriberBuffer = buffer, ReplayBuffer = replay }), new LiveMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>()));

    private static List<string> Drain(LiveSubscription subscription)
    {
        var ids = new List<string>();
        while (subscription.Events.TryRead(out var e))
        {
            ids.Add(e.Event.AssetId);
        }

        return ids;
    }
}
