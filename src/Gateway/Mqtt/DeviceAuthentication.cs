using Microsoft.Extensions.Logging;
using MQTTnet.Protocol;
using MQTTnet.Server;
using Orleans;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.Gateway.Ingestion;
using UrbanTwin.Grains.Abstractions.Devices;

namespace UrbanTwin.Gateway.Mqtt;

/// <summary>
/// Who may stay connected to the embedded broker: a CONNECT is checked against the device's
/// record (id, secret, in service, a client id of its own, <see cref="DeviceClientIds"/>) and the
/// connection bound to what it authenticated with (<see cref="DeviceConnections"/>); when a
/// device's credentials are revoked, its connections opened with the withdrawn ones are ended.
/// Both sides count revocations, so a CONNECT checked just before a revocation and bound just
/// after its scan is looked at again instead of slipping through.
/// </summary>
internal sealed class DeviceAuthentication(IGrainFactory grains, DeviceConnections connections, ILogger logger)
{
    // Revocations handled so far: a CONNECT whose check spans one looks at the record again.
    private long _revocations;

    /// <summary>The server's CONNECT validation: accepts and binds the connection, or refuses it with the reason.</summary>
    public async Task ValidateConnectionAsync(ValidatingConnectionEventArgs e)
    {
        var deviceId = e.UserName;
        if (string.IsNullOrEmpty(deviceId) || !DeviceId.IsValid(deviceId))
        {
            Refuse(e, MqttConnectReasonCode.BadUserNameOrPassword, "not a device id");
            return;
        }

        var revocationsSeen = Interlocked.Read(ref _revocations);
        var record = await grains.GetGrain<IDeviceGrain>(deviceId).GetAsync();
        if (record is null || !DeviceSecrets.Verify(e.Password, record.SecretSalt, record.SecretHash))
        {
            Refuse(e, MqttConnectReasonCode.BadUserNameOrPassword, "unknown device or wrong secret");
            return;
        }

        if (!record.Active)
        {
            Refuse(e, MqttConnectReasonCode.NotAuthorized, "device decommissioned");
            return;
        }

        var clientId = e.ClientId;
        if (string.IsNullOrEmpty(clientId))
        {
            // MQTT 5 lets a client leave its id to the server (mosquitto_pub does); 3.1.1 is refused by MQTTnet.
            clientId = e.AssignedClientIdentifier = DeviceClientIds.Assign(deviceId);
        }
        else if (!DeviceClientIds.BelongsTo(clientId, deviceId))
        {
            // Refused before MQTTnet looks for a session: the owner of that client id keeps its connection and session.
            Refuse(e, MqttConnectReasonCode.ClientIdentifierNotValid, "client id is not the device id or the device id followed by ':'");
            return;
        }

        var binding = new DeviceConnections.Binding(new DeviceRegistration(record.DeviceId, record.AssetId, record.Kind, record.Active), record.SecretHash);
        connections.Bind(clientId, binding.Device, binding.SecretHash);
        if (Interlocked.Read(ref _revocations) != revocationsSeen && !Holds(binding, await CurrentRecordAsync(deviceId)))
        {
            // Revoked between the check above and the binding, which the revocation's scan may have missed.
            connections.Unbind(clientId, binding.Device);
            Refuse(e, MqttConnectReasonCode.NotAuthorized, "credentials revoked");
            return;
        }

        e.ReasonCode = MqttConnectReasonCode.Success;
        IngestionLog.DeviceConnected(logger, deviceId, e.RemoteEndPoint?.ToString());
    }

    /// <summary>
    /// Disconnects at once (MQTT 5: reason 0x87 Not authorized) every live connection of the device
    /// whose credentials no longer hold. A revocation may arrive after the device has already come
    /// back with its new secret: that connection was checked against the record as it is now, and
    /// stays.
    /// </summary>
    public async Task EndSessionsAsync(MqttServer server, string deviceId)
    {
        // Counted before the record is read: a CONNECT checked against the record before this
        // point and bound after the scan below sees the count change and checks again.
        Interlocked.Increment(ref _revocations);
        var current = await CurrentRecordAsync(deviceId);
        foreach (var clientId in connections.ClientIdsOf(deviceId))
        {
            if (connections.FindBinding(clientId) is not { } binding || Holds(binding, current))
            {
                continue;
            }

            connections.Unbind(clientId, binding.Device);
            try
            {
                await server.DisconnectClientAsync(clientId, new MqttServerClientDisconnectOptions { ReasonCode = MqttDisconnectReasonCode.NotAuthorized, ReasonString = "credentials revoked" });
            }
            catch (InvalidOperationException)
            {
                // Gone already.
            }

            IngestionLog.SessionEnded(logger, deviceId, clientId);
        }
    }

    /// <summary>Whether the credentials a connection was authenticated with are the ones the record holds now.</summary>
    private static bool Holds(DeviceConnections.Binding binding, DeviceRecord? record) =>
        record is { Active: true }
        && record.AssetId == binding.Device.AssetId
        && record.Kind == binding.Device.Kind
        && record.SecretHash.AsSpan().SequenceEqual(binding.SecretHash);

    /// <summary>The device's record now; none when the cluster cannot say (its sessions are then ended, the safe side).</summary>
    private async Task<DeviceRecord?> CurrentRecordAsync(string deviceId)
    {
        try
        {
            return await grains.GetGrain<IDeviceGrain>(deviceId).GetAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            IngestionLog.RevocationLookupFailed(logger, ex, deviceId);
            return null;
        }
    }

    /// <summary>Refuses the CONNECT; MQTT 5 clients also read why in the CONNACK's reason string.</summary>
    private void Refuse(ValidatingConnectionEventArgs e, MqttConnectReasonCode code, string reason)
    {
        e.ReasonCode = code;
        e.ReasonString = reason;
        IngestionLog.ConnectionRefused(logger, e.UserName, e.RemoteEndPoint?.ToString(), reason);
    }
}
