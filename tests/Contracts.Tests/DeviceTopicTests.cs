using UrbanTwin.Contracts.Topics;

namespace UrbanTwin.Contracts.Tests;

public sealed class DeviceTopicTests
{
    [Theory]
    [InlineData("ut/v1/air-quality/aq-westminster-01/telemetry", DeviceKind.AirQuality, "aq-westminster-01", MessageType.Telemetry)]
    [InlineData("ut/v1/bus-priority/bp-junction-0042/request", DeviceKind.BusPriority, "bp-junction-0042", MessageType.Request)]
    [InlineData("ut/v1/footfall/ff-oxford-st-01/status", DeviceKind.Footfall, "ff-oxford-st-01", MessageType.Status)]
    [InlineData("ut/v1/footfall/ff-oxford-st-01/errors", DeviceKind.Footfall, "ff-oxford-st-01", MessageType.Errors)]
    [InlineData("ut/v1/bus-priority/bp-junction-0042/cmd/priority", DeviceKind.BusPriority, "bp-junction-0042", MessageType.Command)]
    public void TryParse_contract_topic_gives_kind_id_and_type(string topic, DeviceKind kind, string id, MessageType type)
    {
        Assert.True(DeviceTopic.TryParse(topic, out var parsed));
        Assert.Equal(kind, parsed.Kind);
        Assert.Equal(id, parsed.DeviceId);
        Assert.Equal(type, parsed.Type);
    }

    [Theory]
    [InlineData("ut/v1/air-quality/aq-01/telemetry/extra")]
    [InlineData("ut/v2/air-quality/aq-01/telemetry")]
    [InlineData("ut/v1/parking/pk-01/telemetry")]
    [InlineData("ut/v1/air-quality/AQ-01/telemetry")]
    [InlineData("ut/v1/air-quality/-aq-01/telemetry")]
    [InlineData("ut/v1/air-quality/aq/telemetry")]
    [InlineData("ut/v1/air-quality/aq+01/telemetry")]
    [InlineData("ut/v1/air-quality/aq#01/telemetry")]
    [InlineData("ut/v1/air-quality/aq 01/telemetry")]
    [InlineData("ut/v1/air-quality/aq,01/telemetry")]
    [InlineData("ut/v1/air-quality/aq=01/telemetry")]
    [InlineData("ut/v1/air-quality/aqü01/telemetry")]
    [InlineData("ut/v1/air-quality/aq-01/cmd/")]
    [InlineData("ut/v1/air-quality/aq-01/cmd/a/b")]
    [InlineData("ut/v1/air-quality/aq-01/")]
    [InlineData("")]
    public void TryParse_refuses_anything_else(string topic)
    {
        Assert.False(DeviceTopic.TryParse(topic, out _));
    }

    [Fact]
    public void Device_id_accepts_64_characters_and_refuses_65()
    {
        Assert.True(DeviceId.IsValid("a" + new string('-', 63)));
        Assert.False(DeviceId.IsValid("a" + new string('b', 64)));
    }

    [Fact]
    public void Builders_round_trip_through_the_parser()
    {
        var topic = DeviceTopic.Command(DeviceKind.BusPriority, "bp-junction-0042", "priority");
        Assert.Equal("ut/v1/bus-priority/bp-junction-0042/cmd/priority", topic);
        Assert.True(DeviceTopic.TryParse(topic, out var parsed));
        Assert.Equal("priority", parsed.CommandName.ToString());
        Assert.Throws<ArgumentException>(() => DeviceTopic.Telemetry(DeviceKind.Footfall, "Bad Id"));
    }
}
