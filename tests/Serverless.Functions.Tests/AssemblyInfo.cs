// Every test class starts its own host on the shared database, and hosts take each other's queue messages (as
// instances do in production). One class at a time keeps a test's failure injection on the instance that does the work.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
