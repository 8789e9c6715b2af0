using LinkKit.Nano.Storage;

namespace LinkKit.Nano.Identity
{
    /// <summary>
    /// One way of running dynamic registration ("one type, one secret"): HTTPS (<see cref="HttpsRegistration"/>), or
    /// MQTT <c>register</c>/<c>regnwl</c> (<see cref="MqttRegistration"/>). <see cref="DeviceProvisioning"/> decides
    /// whether to call it at all; <see cref="DynamicRegistration"/> wires both into the client.
    /// </summary>
    public interface IRegistrationChannel
    {
        /// <summary>Registers the device with the platform once and fills <paramref name="record"/> with what it obtained.</summary>
        /// <returns><see cref="ErrorCode.Ok"/> with <paramref name="record"/> filled; otherwise a negative
        /// <see cref="ErrorCode"/> and <paramref name="record"/> is unspecified.</returns>
        int Register(SecretRecord record);
    }
}
