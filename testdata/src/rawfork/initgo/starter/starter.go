package starter // want package:"init of rawfork/initgo/starter starts a goroutine"

// A package whose initialization starts a goroutine.

func flush() {}

func start() {
	go flush()
}

func init() {
	start()
}
