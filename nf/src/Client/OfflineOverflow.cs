namespace LinkKit.Nano
{
    /// <summary>What store-and-forward does with a post when its queue (<see cref="LinkKitOptions.OfflineQueueBytes"/>) is full.</summary>
    public enum OfflineOverflow
    {
        /// <summary>The oldest kept posts are dropped to make room (counted in <see cref="LinkKitClient.OfflineDroppedCount"/>): the newest data wins.</summary>
        DropOldest = 0,

        /// <summary>The new post is refused with <see cref="ErrorCode.OfflineQueueFull"/> (counted in <see cref="LinkKitClient.OfflineRefusedCount"/>): what was kept is sent.</summary>
        RefuseNewest = 1,
    }
}
