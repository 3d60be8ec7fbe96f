import fc from "fast-check";

// Property tests draw the same cases on every run: a test must never fail at random. To explore new
// cases, change the seed locally and keep any counterexample as a regular test.
fc.configureGlobal({ seed: 20261123 });
