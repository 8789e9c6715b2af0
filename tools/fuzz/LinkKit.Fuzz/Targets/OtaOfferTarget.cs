using LinkKit.Nano;
using LinkKit.Nano.Ota;

namespace LinkKit.Fuzz;

/// <summary>
/// <c>OtaJobReader</c> of an upgrade offer (push or firmware-query answer) and of a configuration offer (answer or
/// push), then every accessor of the job it gives: only its documented results; a job is whole or empty; every text
/// range lies inside the job's arena; a URL is https; a digest has the sign method's length; a kept id fits.
/// </summary>
public sealed class OtaOfferTarget : FuzzTarget
{
    private static readonly int[] Results =
        [ErrorCode.Ok, ErrorCode.OtaNoJob, ErrorCode.OtaRefused, ErrorCode.Malformed, ErrorCode.MissingField, ErrorCode.BufferTooSmall];

    private readonly OtaJob _job = new();
    private readonly OtaJobReader _reader = new(OtaJob.DefaultMaxFiles);
    private readonly byte[] _id = new byte[24];

    public override void Run(byte[] data)
    {
        byte[] payload = Input.Framed(data);
        Check(_reader.Read(payload, Input.Offset, data.Length, _job), "Read");
        Check(_reader.ReadConfig(payload, Input.Offset, data.Length, _job, _id, out int idLength), "ReadConfig");
        Oracle.That(idLength >= 0 && idLength <= _id.Length, $"id length {idLength}");
    }

    private void Check(int rc, string call)
    {
        Oracle.That(Array.IndexOf(Results, rc) >= 0, $"{call} returned {rc}");
        OtaJob job = _job;
        if (rc != ErrorCode.Ok)
        {
            Oracle.That(job.FileCount == 0, $"{call} failed ({rc}) but left {job.FileCount} files");
            return;
        }
        Oracle.That(job.FileCount >= 1 && job.FileCount <= job.MaxFiles, $"{job.FileCount} files");
        Oracle.That(job.GetVersion().Length > 0 && job.GetModule().Length > 0, "a job without version or module");
        Oracle.That(job.DigestLength is 16 or 32, $"digest length {job.DigestLength}");
        byte[] digest = new byte[32];
        for (int i = 0; i < job.FileCount; i++)
        {
            Oracle.That(job.GetFileSize(i) > 0, $"file {i} of size {job.GetFileSize(i)}");
            Oracle.That(job.GetUrl(i).StartsWith("https://", StringComparison.Ordinal), $"file {i}'s URL is not https");
            Oracle.That(job.CopyDigest(i, digest, 0) == job.DigestLength, $"file {i}'s digest");
            job.GetFileName(i);
        }
        job.GetExtData();
        var copy = new OtaJob();
        Oracle.That(job.CopyTo(copy) == ErrorCode.Ok && copy.FileCount == job.FileCount && copy.GetUrl(0) == job.GetUrl(0), "CopyTo");
    }
}
