using UrbanTwin.Contracts;
using UrbanTwin.Gateway.Mosquitto;
using UrbanTwin.Grains.Abstractions.Devices;

namespace UrbanTwin.Gateway.Tests;

/// <summary>The password file mosquitto reads: active devices with a hash in its format, and the gateway user.</summary>
public sealed class MosquittoAuthFilesTests
{
    [Fact]
    public void A_device_without_a_mosquitto_hash_is_left_out_of_the_password_file()
    {
        var fleet = new DeviceIndexSnapshot(3,
        [
            new DeviceIndexEntry("aq-hashed-01", DeviceKind.AirQuality, true, "$7$101$c2FsdA==$aGFzaA==", "asset-1"),
            new DeviceIndexEntry("aq-unhashed-01", DeviceKind.AirQuality, true, null, "asset-2"),
            new DeviceIndexEntry("aq-retired-01", DeviceKind.AirQuality, false, "$7$101$c2FsdA==$aGFzaA==", "asset-3"),
        ]);

        var lines = MosquittoAuthFiles.PasswordFile(fleet, "gateway", "$7$101$Z3c=$Z3c=").Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(["gateway:$7$101$Z3c=$Z3c=", "aq-hashed-01:$7$101$c2FsdA==$aGFzaA=="], lines);
    }
}
