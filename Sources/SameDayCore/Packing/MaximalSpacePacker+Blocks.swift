// Block building on empty maximal spaces: orders often hold several identical units (a line of 17 books, 30 cans),
// and a space filled unit by unit leaves them in ragged rows. Here a space takes a whole block of one line — nx × ny
// × nz units in one orientation, as many as the line has left and the space holds — the largest block first
// (the classic greedy of container loading, e.g. Eley 2002, Fanslau and Bortfeldt 2010).

extension MaximalSpacePacker {
    /// A block of identical units: one orientation, a count along each axis.
    struct Block {
        var kind: Int
        var extent: Extent3
        var nx: Int
        var ny: Int
        var nz: Int
        var at: Extent3
        var volume: Int
    }

    /// Space-driven filling by blocks: the space `rule` picks takes the block of the largest volume that fits it
    /// (its bottom layer resting on the floor or, unit by unit, on what is below). `kinds` lists the units of each
    /// line, largest first; placed units are removed from it. Returns the volume placed.
    mutating func fillBlocks(_ kinds: inout [[Int]], units: [PackUnit], rule: Rule, alongY: Bool = false) -> Int {
        var volume = 0
        var minSide = Self.smallestSide(kinds, units)
        while !kinds.isEmpty, let s = nextSpace(rule) {
            guard let block = bestBlock(in: spaces[s], kinds: kinds, units: units, alongY: alongY) else {
                spaces.remove(at: s)
                continue
            }
            volume += place(block, kinds: &kinds, units: units)
            if kinds.contains(where: \.isEmpty) {
                kinds.removeAll { $0.isEmpty }
                minSide = Self.smallestSide(kinds, units)
            }
            prune(minSide)
        }
        return volume
    }

    /// The block of the largest volume (then the fewest units: bigger units first) that `space` takes.
    func bestBlock(in space: Space, kinds: [[Int]], units: [PackUnit], alongY: Bool) -> Block? {
        let sx = space.x2 - space.x1
        let sy = space.y2 - space.y1
        let sz = space.z2 - space.z1
        var best: Block?
        for (k, kind) in kinds.enumerated() {
            guard let first = kind.last else { continue }
            let unit = units[first]
            let weightRoom = unit.weightG == 0 ? kind.count : (maxLoadG - loadG) / unit.weightG
            // Fragile units go one by one: nothing may rest on them, and a single unit is what `anchor` checks.
            let count = min(kind.count, weightRoom, unit.fragile ? 1 : kind.count)
            guard count > 0 else { continue }
            for o in alongY ? unit.orientationsAlongY : unit.orientations where o.x <= sx && o.y <= sy && o.z <= sz {
                guard let at = anchor(in: space, for: o, fragile: unit.fragile) else { continue }
                let nx = min((space.x2 - at.x) / o.x, count)
                let ny = min((space.y2 - at.y) / o.y, count / nx)
                let nz = min((space.z2 - at.z) / o.z, count / (nx * ny))
                var block = Block(kind: k, extent: o, nx: nx, ny: ny, nz: nz, at: at, volume: 0)
                // The bottom layer must rest on something at every unit when it is not on the floor.
                while block.nx * block.ny > 1 && !bottomIsSupported(block) {
                    if block.nx >= block.ny { block.nx -= 1 } else { block.ny -= 1 }
                }
                block.volume = block.nx * block.ny * block.nz * unit.volumeMm3
                if let b = best, (b.volume, -b.nx * b.ny * b.nz) >= (block.volume, -block.nx * block.ny * block.nz) {
                    continue
                }
                best = block
            }
        }
        return best
    }

    /// Every unit of the block's bottom layer stands on the floor or has part of its base on a non-fragile unit.
    func bottomIsSupported(_ block: Block) -> Bool {
        guard block.at.z > 0 else { return true }
        for ix in 0..<block.nx {
            for iy in 0..<block.ny {
                let p = Extent3(x: block.at.x + ix * block.extent.x, y: block.at.y + iy * block.extent.y, z: block.at.z)
                if !isSupported(p, block.extent) { return false }
            }
        }
        return true
    }

    /// Places the block unit by unit, bottom layer first. Returns the volume placed.
    mutating func place(_ block: Block, kinds: inout [[Int]], units: [PackUnit]) -> Int {
        var volume = 0
        for iz in 0..<block.nz {
            for iy in 0..<block.ny {
                for ix in 0..<block.nx {
                    let u = kinds[block.kind].removeLast()
                    let p = Extent3(
                        x: block.at.x + ix * block.extent.x, y: block.at.y + iy * block.extent.y,
                        z: block.at.z + iz * block.extent.z)
                    commit(units[u], tag: u, at: p, extent: block.extent)
                    volume += units[u].volumeMm3
                }
            }
        }
        return volume
    }
}
