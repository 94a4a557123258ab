// A program that switches from its main goroutine and then only prints:
// main is no switch wrapper, as nothing calls it.
package main

import (
	"fmt"

	"threadstate/nsutil"
)

func main() {
	if err := nsutil.Join(nsutil.Handle(3)); err != nil { // want `^call of nsutil.Join switches the network namespace of one thread from a goroutine not locked to it`
		fmt.Println(err)
	}
	fmt.Println("done")
}
