package unpinmid // want package:"leaves thread state"

// A library whose only thread call is a call of another package's unlock
// (unpinlib.Unpin): its own Unpin carries the fact on.

import "threadattr/unpinlib"

func Unpin() { unpinlib.Unpin() } // want Unpin:"may leave the thread unlocked"
