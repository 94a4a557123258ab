package relay // want package:"init of rawfork/initgo/starter starts a goroutine"

// A package that only imports one whose initialization starts a goroutine:
// its package fact carries that on to its own importers.

import _ "rawfork/initgo/starter"

func Nothing() {}
