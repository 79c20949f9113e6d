package io.borealis.api.units

import spock.lang.Specification

class DataSizeSpec extends Specification {
    def "'#text' is #megabytes MB"() {
        expect:
        DataSize.parseMegabytes(text) == megabytes

        where:
        text     || megabytes
        '512m'   || 512
        '512M'   || 512
        '512mb'  || 512
        '512MiB' || 512
        '4g'     || 4096
        '4G'     || 4096
        '1.5g'   || 1536
        '1t'     || 1024 * 1024
        '1T'     || 1024 * 1024
        '2048'   || 2048
        '0'      || 0
        ' 64 m ' || 64
        '1024k'  || 1
        '1048576b' || 1
    }

    def "'#text' is refused: #message"() {
        when:
        DataSize.parseMegabytes(text)

        then:
        IllegalArgumentException e = thrown()
        e.message == message

        where:
        text              || message
        '12q'             || "'12q' is not a size: give a number of megabytes or a number with a unit (b, k, m, g, t), e.g. 512m, 4g, 1t"
        '-1g'             || "'-1g' is not a size: give a number of megabytes or a number with a unit (b, k, m, g, t), e.g. 512m, 4g, 1t"
        ''                || "'' is not a size: give a number of megabytes or a number with a unit (b, k, m, g, t), e.g. 512m, 4g, 1t"
        'NaN'             || "'NaN' is not a size: give a number of megabytes or a number with a unit (b, k, m, g, t), e.g. 512m, 4g, 1t"
        'Infinity'        || "'Infinity' is not a size: give a number of megabytes or a number with a unit (b, k, m, g, t), e.g. 512m, 4g, 1t"
        '1e15'            || "'1e15' is not a size: give a number of megabytes or a number with a unit (b, k, m, g, t), e.g. 512m, 4g, 1t"
        'g'               || "'g' is not a size: give a number of megabytes or a number with a unit (b, k, m, g, t), e.g. 512m, 4g, 1t"
        '9999999t'        || "'9999999t' is too large"
        '1.5k'            || "'1.5k' is not a whole number of megabytes"
        '0.5b'            || "'0.5b' is not a whole number of bytes"
    }

    def "a size prints in the largest exact unit"() {
        expect:
        new DataSize(bytes).toString() == shown

        where:
        bytes                  || shown
        0                      || '0 B'
        100                    || '100 B'
        2048                   || '2 KB'
        512 * DataSize.MB      || '512 MB'
        1536 * DataSize.MB     || '1536 MB'
        4 * DataSize.GB        || '4 GB'
        DataSize.TB            || '1 TB'
    }

    def "a negative size cannot be built"() {
        when:
        new DataSize(-1)

        then:
        thrown(IllegalArgumentException)
    }
}
