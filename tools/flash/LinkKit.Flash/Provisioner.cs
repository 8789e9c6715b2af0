using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using LinkKit.Esp32Sample;
using LinkKit.Nano;
using LinkKit.Nano.Storage;

namespace LinkKit.Flash
{
    /// <summary>
    /// Writes one device's provisioning folder: the two secret-store slots, the TSL, the optional settings file and
    /// the nanoff file-deployment JSON. Everything is checked first and written into a staging folder, so a failure
    /// leaves no partial set of files behind.
    /// </summary>
    public static class Provisioner
    {
        public const string DeployFileName = "deploy.json";
        public const string TslFileName = "tsl.json";
        public const string SettingsFileName = "settings.json";

        /// <summary>The files written, as device path → file name in the output folder, in deployment order.</summary>
        public static IReadOnlyList<KeyValuePair<string, string>> DeviceFiles(bool withSettings)
        {
            var files = new List<KeyValuePair<string, string>>
            {
                new KeyValuePair<string, string>(FileSecretSlots.DefaultPathA, FileSecretSlots.FileNameA),
                new KeyValuePair<string, string>(FileSecretSlots.DefaultPathB, FileSecretSlots.FileNameB),
                new KeyValuePair<string, string>("I:\\" + TslFileName, TslFileName),
            };
            if (withSettings) files.Add(new KeyValuePair<string, string>(DeviceSettings.DefaultPath, SettingsFileName));
            return files;
        }

        /// <summary>What <c>provision</c> and <c>provision-board</c> print after the folder is written: each file with its
        /// device path, a blank line, then the nanoff commands.</summary>
        public static void PrintFilesAndCommands(TextWriter output, ProvisionOptions options, string deployJson)
        {
            foreach (var file in DeviceFiles(options.SettingsFile != null))
                output.WriteLine("  " + file.Value + " -> " + file.Key);
            output.WriteLine();
            output.Write(NanoffCommands.Describe(options.Target, options.SerialPort, deployJson, options.Image));
        }

        /// <summary>Checks the inputs, then writes the folder. Returns the full path of deploy.json.</summary>
        /// <param name="fault">Called at <c>provision.staged</c> (the set written in the staging folder) and
        /// <c>provision.moving</c> (part of it moved into the output folder): tests crash there.</param>
        /// <exception cref="UsageException">A bad TSL or settings file, or an output folder that already holds provisioning files.</exception>
        public static string Provision(ProvisionOptions options, string deviceSecret, Action<string> fault = null)
        {
            // 1. Check everything before writing anything.
            ThingModel model;
            string error;
            if (ThingModelFile.TryLoad(options.TslFile, out model, out error) != ErrorCode.Ok)
                throw new UsageException("--tsl: " + error);
            if (options.SettingsFile != null && DeviceSettings.Load(options.SettingsFile, out error) == null)
                throw new UsageException("--settings: " + error);

            var identity = new SecretRecord();
            identity.SetDeviceSecret(options.ProductKey, options.DeviceName, deviceSecret);

            string output = Path.GetFullPath(options.OutputDirectory);
            var files = DeviceFiles(options.SettingsFile != null);
            // One folder per device: a leftover slot from another identity must never be deployed by mistake.
            var written = new List<string> { DeployFileName };
            foreach (var file in files) written.Add(file.Value);
            foreach (string name in written)
            {
                if (File.Exists(Path.Combine(output, name)))
                    throw new UsageException("--out: " + output + " already holds " + name + "; use an empty folder per device");
            }

            // 2. Write into a staging folder inside the output folder, then move the finished set into place.
            Directory.CreateDirectory(output);
            string staging = Path.Combine(output, ".staging-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(staging);
            try
            {
                WriteSlots(staging, identity);
                File.Copy(options.TslFile, Path.Combine(staging, TslFileName));
                if (options.SettingsFile != null) File.Copy(options.SettingsFile, Path.Combine(staging, SettingsFileName));
                File.WriteAllText(Path.Combine(staging, DeployFileName), DeploymentJson(output, files, options.SerialPort), new UTF8Encoding(false));

                fault?.Invoke("provision.staged");

                // deploy.json last: its presence means the set is complete.
                try
                {
                    foreach (string name in written.GetRange(1, written.Count - 1))
                    {
                        File.Move(Path.Combine(staging, name), Path.Combine(output, name));
                        fault?.Invoke("provision.moving");
                    }

                    File.Move(Path.Combine(staging, DeployFileName), Path.Combine(output, DeployFileName));
                }
                catch
                {
                    foreach (string name in written) File.Delete(Path.Combine(output, name));   // nothing half-provisioned
                    throw;
                }

                return Path.Combine(output, DeployFileName);
            }
            finally
            {
                Directory.Delete(staging, true);
            }
        }

        /// <summary>
        /// Both slots get the identity (A with sequence 1, B with 2), so deploying them replaces whatever either slot
        /// held on the board: a stale record with a higher sequence number cannot survive in the other slot.
        /// </summary>
        private static void WriteSlots(string folder, SecretRecord identity)
        {
            var slots = new FileSecretSlots(Path.Combine(folder, FileSecretSlots.FileNameA), Path.Combine(folder, FileSecretSlots.FileNameB));
            var store = new SecretStore(slots);
            for (int i = 0; i < 2; i++)
            {
                int rc = store.Save(identity);
                if (rc != ErrorCode.Ok) throw new IOException("writing the secret store failed (" + rc + ")");
            }

            // Read back through a fresh store, as the board will.
            var loaded = new SecretRecord();
            int load = new SecretStore(slots).Load(loaded);
            if (load != ErrorCode.Ok || loaded.Kind != SecretKind.DeviceSecret || loaded.ProductKey != identity.ProductKey
                || loaded.DeviceName != identity.DeviceName || loaded.DeviceSecret != identity.DeviceSecret)
            {
                throw new IOException("the secret store did not read back (" + load + ")");
            }
        }

        /// <summary>
        /// nanoff's <c>--filedeployment</c> file: an object with the optional <c>SerialPort</c> and the
        /// <c>Files</c> list of <c>DestinationFilePath</c>/<c>SourceFilePath</c> pairs (nanoff deserializes a
        /// FileDeploymentConfiguration; an existing file on the device is replaced). Source paths are absolute,
        /// because nanoff resolves them against its own working directory.
        /// </summary>
        public static string DeploymentJson(string outputFolder, IReadOnlyList<KeyValuePair<string, string>> files, string serialPort)
        {
            using var buffer = new MemoryStream();
            using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            {
                w.WriteStartObject();
                if (serialPort != null) w.WriteString("SerialPort", serialPort);
                w.WriteStartArray("Files");
                foreach (var file in files)
                {
                    w.WriteStartObject();
                    w.WriteString("DestinationFilePath", file.Key);
                    w.WriteString("SourceFilePath", Path.Combine(outputFolder, file.Value));
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
        }
    }
}
