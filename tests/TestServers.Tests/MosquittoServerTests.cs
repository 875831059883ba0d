using System.Globalization;
using UrbanTwin.TestSupport;
using UrbanTwin.TestSupport.Servers;

namespace UrbanTwin.TestServers.Tests;

[Collection(MosquittoCollection.Name)]
public sealed class MosquittoServerTests(MosquittoFixture fixture)
{
    [Fact]
    public async Task Broker_delivers_a_retained_message_between_the_command_line_clients()
    {
        var port = fixture.Server.Port.ToString(CultureInfo.InvariantCulture);
        var topic = "ut/v1/air-quality/aq-westminster-01/status";
        const string Payload = """{"state":"online","firmware":"1.4.2"}""";

        var published = await CommandLine.RunAsync("mosquitto_pub", ["-h", MosquittoServer.Host, "-p", port, "-q", "1", "-r", "-t", topic, "-m", Payload], TimeSpan.FromSeconds(10));
        Assert.True(published.ExitCode == 0, "mosquitto_pub: " + published.Error + fixture.Server.ReadLog());

        var received = await CommandLine.RunAsync("mosquitto_sub", ["-h", MosquittoServer.Host, "-p", port, "-q", "1", "-t", topic, "-C", "1", "-W", "10"], TimeSpan.FromSeconds(15));

        Assert.True(received.ExitCode == 0, "mosquitto_sub: " + received.Error);
        Assert.Equal(Payload, received.Output.TrimEnd('\n'));
    }

    [Fact]
    public async Task A_second_broker_with_authentication_refuses_a_wrong_password()
    {
        var directory = ServerProcess.CreateDirectory("mosquitto-passwd");
        try
        {
            var passwordFile = Path.Combine(directory, "passwd");
            var created = await CommandLine.RunAsync("mosquitto_passwd", ["-c", "-b", passwordFile, "aq-westminster-01", "s3cret-for-tests"], TimeSpan.FromSeconds(10));
            Assert.True(created.ExitCode == 0, "mosquitto_passwd: " + created.Error);
            await using var server = await MosquittoServer.StartAsync(["allow_anonymous false", "password_file " + passwordFile]);
            var port = server.Port.ToString(CultureInfo.InvariantCulture);

            var refused = await CommandLine.RunAsync("mosquitto_pub", ["-h", MosquittoServer.Host, "-p", port, "-u", "aq-westminster-01", "-P", "wrong", "-t", "x", "-m", "1"], TimeSpan.FromSeconds(10));
            var accepted = await CommandLine.RunAsync("mosquitto_pub", ["-h", MosquittoServer.Host, "-p", port, "-u", "aq-westminster-01", "-P", "s3cret-for-tests", "-t", "x", "-m", "1"], TimeSpan.FromSeconds(10));

            Assert.NotEqual(0, refused.ExitCode);
            Assert.True(accepted.ExitCode == 0, "right password refused: " + accepted.Error + server.ReadLog());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
