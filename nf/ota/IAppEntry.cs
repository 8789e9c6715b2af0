namespace LinkKit.Nano.Ota
{
    /// <summary>
    /// The entry point of an application assembly that a loader runs from an app slot (the loader pattern: README,
    /// "Field updates"). The assembly holds exactly one public, non-abstract class implementing it, with a public
    /// parameterless constructor; <see cref="AppLoader"/> finds and creates it.
    /// </summary>
    public interface IAppEntry
    {
        /// <summary>
        /// Starts the application, before the client connects: set up the thing model, attach handlers, start the
        /// app's own threads, then return. Call <see cref="AppHost.ReportHealthy"/> once the app works (for instance
        /// after its first property post was answered): until then a new version is only on trial. An exception
        /// thrown here rejects the image.
        /// </summary>
        void Start(AppHost host);
    }
}
