using System;
using LinkKit.Nano.Storage;

namespace LinkKit.Nano.Identity
{
    /// <summary>
    /// Handles the end of a dynamic registration. <paramref name="result"/> is <see cref="ErrorCode.Ok"/> when the identity
    /// was obtained and persisted; a storage error (<see cref="ErrorCode.StorageFailed"/>,
    /// <see cref="ErrorCode.StorageVerifyFailed"/>, …) when it was obtained but could not be persisted (the identity is
    /// then usable, in memory only); or the registration's error, with <paramref name="identity"/> null.
    /// </summary>
    /// <remarks>The identity object belongs to the <see cref="DeviceProvisioning"/>; copy what you keep.</remarks>
    public delegate void RegistrationCompletedHandler(DeviceProvisioning sender, int result, SecretRecord identity);

    /// <summary>
    /// Gives the client its device identity, registering dynamically only when nothing is stored. The contract:
    /// <list type="number">
    /// <item>A device whose store holds a record (device secret or whitelist-free token) never registers again: the
    /// platform refuses a second registration (6289), so a stored identity is the only one the device will get.</item>
    /// <item>A store that cannot be read is not an empty store: <see cref="Provision"/> then reports the storage error
    /// and does not register.</item>
    /// <item>An obtained identity is saved BEFORE <see cref="RegistrationCompleted"/> runs, so the handler sees it in
    /// the store.</item>
    /// <item>If saving fails the identity is not lost: it stays in <see cref="Identity"/> (usable for connecting now),
    /// the handler gets the storage error, <see cref="IsSavePending"/> is true, and later <see cref="Provision"/> or
    /// <see cref="RetrySave"/> calls retry the save, never the registration.</item>
    /// </list>
    /// </summary>
    /// <remarks>Call from one thread (the client's connection thread). Loading allocates the record's strings once.</remarks>
    public sealed class DeviceProvisioning
    {
        private readonly SecretStore _store;
        private readonly IRegistrationChannel _channel;
        private readonly SecretRecord _identity = new SecretRecord();
        private readonly SecretRecord _obtained = new SecretRecord();
        private bool _hasIdentity;
        private bool _savePending;

        /// <summary>Provisioning over <paramref name="store"/>, registering through <paramref name="channel"/> when it is empty.</summary>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        public DeviceProvisioning(SecretStore store, IRegistrationChannel channel)
        {
            if (store == null) throw new ArgumentNullException("store");
            if (channel == null) throw new ArgumentNullException("channel");
            _store = store;
            _channel = channel;
        }

        /// <summary>Raised once per registration attempt, after the obtained identity was saved (or the save failed).</summary>
        public event RegistrationCompletedHandler RegistrationCompleted;

        /// <summary>The device identity once <see cref="HasIdentity"/> is true (loaded or registered); owned by this object.</summary>
        public SecretRecord Identity
        {
            get { return _identity; }
        }

        /// <summary>True once an identity is known (loaded from the store or obtained by registration).</summary>
        public bool HasIdentity
        {
            get { return _hasIdentity; }
        }

        /// <summary>True when a registered identity is only in memory because saving it failed.</summary>
        public bool IsSavePending
        {
            get { return _savePending; }
        }

        /// <summary>Makes <see cref="Identity"/> available: from memory, else from the store, else by registering once.</summary>
        /// <returns>
        /// <see cref="ErrorCode.Ok"/> with <see cref="HasIdentity"/> true; a storage error with <see cref="HasIdentity"/>
        /// true when a registered identity could not be saved (connect with it, and retry the save); a storage error with
        /// <see cref="HasIdentity"/> false when the store could not be read (nothing registered); or the channel's
        /// error when registration failed (<see cref="RegistrationCompleted"/> was raised with it).
        /// </returns>
        public int Provision()
        {
            if (_hasIdentity) return _savePending ? RetrySave() : ErrorCode.Ok;

            int rc = _store.Load(_identity);
            if (rc == ErrorCode.Ok)
            {
                _hasIdentity = true;
                return ErrorCode.Ok;
            }
            if (rc != ErrorCode.NoRecord) return rc;

            _obtained.Clear();
            rc = _channel.Register(_obtained);
            if (rc != ErrorCode.Ok || _obtained.Kind == SecretKind.None)
            {
                _obtained.Clear();
                if (rc == ErrorCode.Ok) rc = ErrorCode.MissingField;   // a channel that claims success without an identity
                Notify(rc, null);
                return rc;
            }

            _identity.CopyFrom(_obtained);
            _obtained.Clear();
            _hasIdentity = true;
            rc = _store.Save(_identity);
            _savePending = rc != ErrorCode.Ok;
            Notify(rc, _identity);
            return rc;
        }

        /// <summary>Saves a registered identity whose save failed before.</summary>
        /// <returns><see cref="ErrorCode.Ok"/> (also when nothing is pending); the store's error.</returns>
        public int RetrySave()
        {
            if (!_savePending) return ErrorCode.Ok;
            int rc = _store.Save(_identity);
            _savePending = rc != ErrorCode.Ok;
            return rc;
        }

        private void Notify(int result, SecretRecord identity)
        {
            RegistrationCompletedHandler handler = RegistrationCompleted;
            if (handler == null) return;
            try
            {
                handler(this, result, identity);
            }
            catch (Exception)
            {
                // An application handler's failure must not undo or repeat the registration.
            }
        }
    }
}
