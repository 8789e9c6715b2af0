using System;
using System.Threading;

namespace LinkKit.Nano.Ota
{
    /// <summary>
    /// What a loader lends the application it runs (<see cref="IAppEntry.Start"/>): the client (not yet connected),
    /// the OTA agent, the version being run, and the way back to say the app works.
    /// </summary>
    public sealed class AppHost
    {
        private readonly ManualResetEvent _healthy = new ManualResetEvent(false);

        /// <summary>A host for an app of <paramref name="version"/> (null when unknown) on <paramref name="client"/>.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="client"/> or <paramref name="ota"/> is null.</exception>
        public AppHost(LinkKitClient client, OtaAgent ota, string version, bool isTrial)
        {
            if (client == null) throw new ArgumentNullException("client");
            if (ota == null) throw new ArgumentNullException("ota");
            Client = client;
            Ota = ota;
            Version = version;
            IsTrial = isTrial;
        }

        /// <summary>The device's client: the loader connects it after <see cref="IAppEntry.Start"/> returns.</summary>
        public LinkKitClient Client { get; private set; }

        /// <summary>The loader's OTA agent (it reports the app's version and installs updates; the app may report other modules).</summary>
        public OtaAgent Ota { get; private set; }

        /// <summary>The version of the running app as the update recorded it, or null (a factory image: the assembly's own version).</summary>
        public string Version { get; private set; }

        /// <summary>True when this app is a new version on trial: it is kept only once it reports healthy.</summary>
        public bool IsTrial { get; private set; }

        /// <summary>True once <see cref="ReportHealthy"/> was called.</summary>
        public bool IsHealthy
        {
            get { return _healthy.WaitOne(0, false); }
        }

        /// <summary>The app works: a version on trial is kept (the loader confirms it and reports it to the cloud). Any thread, any number of times.</summary>
        public void ReportHealthy()
        {
            _healthy.Set();
        }

        /// <summary>For the loader: waits up to <paramref name="milliseconds"/> (-1: for ever) for <see cref="ReportHealthy"/>.</summary>
        public bool WaitHealthy(int milliseconds)
        {
            return _healthy.WaitOne(milliseconds, false);
        }
    }
}
